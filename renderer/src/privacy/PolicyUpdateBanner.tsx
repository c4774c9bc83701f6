import { useEffect, useState } from 'react';
import type { PrivacyView } from '../../../preload/privacy-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { PolicyBanner } from './PolicyPanel';

/**
 * The new-policy notice on every screen but Privacy (which shows its own banner): until the
 * user answers, the status bar keeps saying that the policy changed, and "Read it" opens
 * Privacy. In the status bar it overlays nothing and takes no height from the screen.
 */
export function PolicyUpdateBanner({ onOpen }: { onOpen: () => void }) {
  const kamifax = useKamifax();
  const [policy, setPolicy] = useState<PrivacyView['policy']>(null);

  useEffect(() => {
    let live = true;
    detach(
      'reading the policy state',
      kamifax.privacy.get().then((result) => {
        if (live && result.ok) setPolicy(result.value.policy);
      }),
    );
    const stop = kamifax.on('privacy:changed', (view) => setPolicy(view.policy));
    return () => {
      live = false;
      stop();
    };
  }, [kamifax]);

  if (!policy || policy.accepted) return null;
  return <PolicyBanner policy={policy} onRead={onOpen} inStatusBar />;
}
