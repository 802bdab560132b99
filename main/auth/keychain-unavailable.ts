// The keychain could not be used. The secret is then stored nowhere: there is no plaintext
// fallback, so the message must tell the admin exactly how to make the keychain available.

/** Why the keychain is out of reach. */
export type KeychainProblem = 'module' | 'unavailable';

/** What to do on each OS when the keychain refuses or cannot be reached. */
export function keychainFix(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return 'Sign in to Windows with your own account (Credential Manager is per user) and try again; group policy may also block saving credentials.';
    case 'darwin':
      return 'Unlock the login keychain (Keychain Access → File → Unlock) and allow FOTA Desk when macOS asks; run the fota command in a logged-in session, not over plain SSH.';
    default:
      return (
        'Install and unlock a Secret Service keyring (gnome-keyring or KWallet) in your desktop session. ' +
        'On a server or over SSH, run the CLI inside `dbus-run-session` with an unlocked keyring, e.g. ' +
        "dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; <the fota command>'."
      );
  }
}

/** The OS keychain cannot be used right now; nothing was stored anywhere. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  constructor(
    readonly problem: KeychainProblem,
    /** what the keychain library said (never holds a secret) */
    readonly reason: string,
    platform: NodeJS.Platform = process.platform,
  ) {
    const what =
      problem === 'module'
        ? `The keychain module (keytar) could not be loaded: ${reason}. Reinstall FOTA Desk, or in a source checkout run \`npm rebuild keytar\`.`
        : `The OS keychain is not available: ${reason}. ${keychainFix(platform)}`;
    super(`${what} Nothing was stored: FOTA Desk keeps client secrets only in the OS keychain.`);
  }
}
