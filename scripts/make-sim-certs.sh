#!/usr/bin/env bash
# Makes the TEST-ONLY certificates of the E-FOTA simulator (main/simulator/certs/) and the unrelated
# ones other tests use to meet a certificate they must refuse (test/fixtures/tls/).
#
# These certificates protect nothing: the private keys are committed on purpose so the simulator
# serves HTTPS out of the box. A client trusts the simulator's CA only when it passes ca.pem
# explicitly; never install it in a system or browser trust store. The CA keys are thrown away, so
# nobody can mint further certificates under these CAs (re-run this script to replace everything).
#
# Usage: bash scripts/make-sim-certs.sh        (needs the openssl CLI; run from anywhere)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sim="$root/main/simulator/certs"
fixtures="$root/test/fixtures/tls"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$sim" "$fixtures"
days=7305 # 20 years: the committed certificates must outlive the project

# make_ca <dir> <common name>: a self-signed CA (key stays in the work folder).
make_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
    -keyout "$work/$1-ca.key" -out "$work/$1-ca.pem" -subj "/O=FOTA Desk tests/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# make_leaf <ca> <name> <common name> <subjectAltName> [startdate enddate]: a server certificate.
make_leaf() {
  local ca="$1" name="$2" cn="$3" san="$4"
  openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$work/$name.key" -out "$work/$name.csr" \
    -subj "/O=FOTA Desk tests/CN=$cn" 2>/dev/null
  cat >"$work/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$san
EXT
  if [ $# -ge 6 ]; then
    # A certificate that is already expired needs explicit dates, which only `openssl ca` takes.
    mkdir -p "$work/ca-db"
    : >"$work/ca-db/index.txt"
    cat >"$work/ca.cnf" <<CNF
[ ca ]
default_ca = test
[ test ]
dir = $work/ca-db
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = anything
copy_extensions = none
[ anything ]
organizationName = optional
commonName = supplied
CNF
    openssl rand -hex 16 >"$work/ca-db/serial"
    openssl ca -batch -config "$work/ca.cnf" -cert "$work/$ca-ca.pem" -keyfile "$work/$ca-ca.key" \
      -in "$work/$name.csr" -out "$work/$name.pem" -startdate "$5" -enddate "$6" \
      -extfile "$work/$name.ext" -notext 2>/dev/null
  else
    openssl x509 -req -sha256 -days "$days" -in "$work/$name.csr" -CA "$work/$ca-ca.pem" \
      -CAkey "$work/$ca-ca.key" -CAcreateserial -out "$work/$name.pem" -extfile "$work/$name.ext" 2>/dev/null
  fi
}

local_san="DNS:localhost,IP:127.0.0.1,IP:::1"

make_ca sim "FOTA Desk simulator test CA (TEST ONLY)"
make_leaf sim sim-server localhost "$local_san"
# Signed by the simulator's CA but wrong in one way each: for "refuse this certificate" tests.
make_leaf sim sim-wrong-host other.example "DNS:other.example"
make_leaf sim sim-expired localhost "$local_san" 20200101000000Z 20210101000000Z

make_ca other "FOTA Desk unrelated test CA (TEST ONLY)"
make_leaf other other-server localhost "$local_san"

cp "$work/sim-ca.pem" "$sim/ca.pem"
cp "$work/sim-server.pem" "$sim/server.pem"
cp "$work/sim-server.key" "$sim/server-key.pem"

cp "$work/other-ca.pem" "$fixtures/other-ca.pem"
cp "$work/other-server.pem" "$fixtures/other-server.pem"
cp "$work/other-server.key" "$fixtures/other-server-key.pem"
cp "$work/sim-wrong-host.pem" "$fixtures/sim-wrong-host.pem"
cp "$work/sim-wrong-host.key" "$fixtures/sim-wrong-host-key.pem"
cp "$work/sim-expired.pem" "$fixtures/sim-expired.pem"
cp "$work/sim-expired.key" "$fixtures/sim-expired-key.pem"

# Prove the chain before anyone depends on it.
openssl verify -CAfile "$sim/ca.pem" "$sim/server.pem" >/dev/null
openssl verify -CAfile "$fixtures/other-ca.pem" "$fixtures/other-server.pem" >/dev/null
if openssl verify -CAfile "$sim/ca.pem" "$fixtures/other-server.pem" >/dev/null 2>&1; then
  echo "make-sim-certs: the unrelated CA must not validate against the simulator's CA" >&2
  exit 1
fi
echo "make-sim-certs: wrote $sim/{ca,server,server-key}.pem and $fixtures/*.pem"
