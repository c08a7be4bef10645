// What the start forms send, loaded only once a person begins to fill one in: these bring zod
// and the whole contract, which the start page itself does not need to show. The zod setting
// comes first, before the contract parses its templates.
import '../../api/zodConfig';

export { ApiError, createSession, getSession, joinSession } from '../../api/http';
export { describeApiError } from '../../api/messages';
