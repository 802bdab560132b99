// The active profile and tenant, always in view; practice is marked so nobody mistakes it for a
// real tenant.
import { activeProfile, useProfiles } from '../state/profiles.ts';
import { useApp } from '../state/app.ts';

/** The header's profile indicator, with a shortcut to switch. */
export function ProfileBadge() {
  const view = useProfiles((s) => s.view);
  const navigate = useApp((s) => s.navigate);
  const profile = activeProfile(view);
  if (!profile) return <p className="profile-badge">Loading profile…</p>;
  return (
    <div className={profile.practice ? 'profile-badge practice' : 'profile-badge'} data-testid="active-profile">
      {profile.practice && <span className="practice-mark">PRACTICE</span>}
      <span>
        <span className="label">Profile</span> <strong>{profile.name}</strong>
      </span>
      <span>
        <span className="label">Tenant</span> <code>{profile.customerId}</code>
      </span>
      <button type="button" className="link" onClick={() => navigate('settings')}>
        Switch profile
      </button>
    </div>
  );
}
