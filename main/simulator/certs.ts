// The committed TEST-ONLY certificates (scripts/make-sim-certs.sh), bundled as text so the built
// CLI carries them. A client trusts this CA only when it passes it explicitly.
import caPem from './certs/ca.pem?raw';
import serverCertPem from './certs/server.pem?raw';
import serverKeyPem from './certs/server-key.pem?raw';

/** PEM of the simulator's test CA. */
export const SIM_CA_PEM: string = caPem;
/** PEM of the server certificate (SAN localhost, 127.0.0.1, ::1), signed by the CA. */
export const SIM_SERVER_CERT_PEM: string = serverCertPem;
/** PEM of the server certificate's private key (test only; it protects nothing). */
export const SIM_SERVER_KEY_PEM: string = serverKeyPem;
