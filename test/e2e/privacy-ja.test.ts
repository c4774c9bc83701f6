import { privacyFlow } from './privacy-flow';

privacyFlow('ja');
