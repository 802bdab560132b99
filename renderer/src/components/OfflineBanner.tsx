// Says when E-FOTA cannot be reached, which of the two causes it is, and since when.
import { useStatus } from '../state/status.ts';
import { age, dateTime } from '../util/format.ts';
import { useNow } from './useNow.ts';

/** The offline banner (nothing while online). */
export function OfflineBanner() {
  const { server, browserOnline, browserOfflineSince } = useStatus();
  const now = useNow();
  const serverOffline = server?.state === 'offline';
  if (browserOnline && !serverOffline) return null;
  return (
    <div className="banner banner-offline" role="status" aria-live="polite">
      <strong>Offline.</strong>{' '}
      {!browserOnline && (
        <span>
          This computer has no network connection (the browser says so) since {dateTime(browserOfflineSince)} ({age(browserOfflineSince, now)}).{' '}
        </span>
      )}
      {serverOffline && (
        <span>
          The last call to E-FOTA failed to get through since {dateTime(server.since)} ({age(server.since, now)}): {server.cause}{' '}
        </span>
      )}
      <span>You can keep working with the last known data; calls to Samsung will fail until the connection is back.</span>
    </div>
  );
}
