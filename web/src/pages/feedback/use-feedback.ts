import type { Location } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { FEEDBACK } from './endpoints.ts';
import type { ReportDetail } from './types.ts';

/** One report as the signed-in user may see it (reporter, handling agency or moderator), with reload. */
export const useReport = (location: Location, id: string) => {
  const user = useSignedIn(location);
  const [report, reload] = useResource<ReportDetail>(user ? FEEDBACK.report(id) : null);
  return { user, report, reload };
};
