import type { ResponseOf, Settings } from '../../../preload/contract';

/** What `app:info` returns. */
export type AppInfo = ResponseOf<'app:info'>;
export type { Settings };
