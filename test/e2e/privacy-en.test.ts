import { privacyFlow } from './privacy-flow';

privacyFlow('en');
