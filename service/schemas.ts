/**
 * The JSON schemas shared by the routes. Fastify validates requests and serialises responses
 * with them, and @fastify/swagger writes the OpenAPI document from them: one definition.
 */

const nullableString = { type: ['string', 'null'] } as const;

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

export const faxSchema = {
  $id: 'Fax',
  type: 'object',
  required: [
    'id',
    'direction',
    'from',
    'to',
    'subject',
    'pages',
    'createdAt',
    'updatedAt',
    'read',
    'junk',
    'status',
    'failureReason',
    'pagesSent',
  ],
  properties: {
    id: { type: 'string' },
    direction: { type: 'string', enum: ['inbound', 'outbound'] },
    from: { type: 'string' },
    to: { type: 'string' },
    subject: nullableString,
    pages: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    read: { type: 'boolean' },
    junk: { type: 'boolean' },
    status: {
      type: 'string',
      enum: ['received', 'queued', 'sending', 'delivered', 'failed', 'cancelled'],
    },
    failureReason: nullableString,
    pagesSent: { type: 'integer' },
    trashedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When the fax was moved to the Trash; purged 30 days later. Null when not.',
    },
  },
} as const;

export const tokenPairSchema = {
  $id: 'TokenPair',
  type: 'object',
  required: ['accessToken', 'refreshToken', 'expiresIn'],
  properties: {
    accessToken: { type: 'string' },
    refreshToken: { type: 'string' },
    expiresIn: { type: 'integer' },
  },
} as const;

const meter = {
  type: 'object',
  required: ['used', 'limit'],
  properties: { used: { type: 'integer' }, limit: { type: ['integer', 'null'] } },
} as const;

export const accountSchema = {
  $id: 'Account',
  type: 'object',
  required: [
    'id',
    'name',
    'email',
    'plan',
    'trialEndsAt',
    'faxNumbers',
    'demographics',
    'usage',
    'policy',
  ],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    plan: { type: 'string', enum: ['trial', 'free', 'paid'] },
    trialEndsAt: { type: ['string', 'null'], format: 'date-time' },
    faxNumbers: { type: 'array', items: { type: 'string' } },
    demographics: {
      type: 'object',
      required: ['gender', 'incomeLevel', 'occupation'],
      properties: {
        gender: nullableString,
        incomeLevel: nullableString,
        occupation: nullableString,
      },
    },
    usage: {
      type: 'object',
      required: ['periodStart', 'periodEnd', 'receivedPages', 'sentPages'],
      properties: {
        periodStart: { type: 'string', format: 'date-time' },
        periodEnd: { type: 'string', format: 'date-time' },
        receivedPages: meter,
        sentPages: meter,
      },
    },
    policy: {
      type: 'object',
      required: ['currentVersion', 'acceptedVersion'],
      properties: {
        currentVersion: { type: 'integer' },
        acceptedVersion: { type: ['integer', 'null'] },
      },
    },
  },
} as const;

const settingNames = [
  'productEmail',
  'partnerPromotions',
  'tailoredPromotions',
  'administrativeNotices',
  'policyChangeEmail',
  'surveys',
  'surveyDataSharing',
  'profilePersonalisation',
] as const;

export const privacySettingsSchema = {
  $id: 'PrivacySettings',
  type: 'object',
  required: [...settingNames],
  additionalProperties: false,
  properties: Object.fromEntries(settingNames.map((name) => [name, { type: 'boolean' }])),
} as const;

export const privacyStateSchema = {
  $id: 'PrivacyState',
  type: 'object',
  required: ['version', 'settings', 'rules'],
  properties: {
    version: { type: 'integer' },
    settings: { $ref: 'PrivacySettings#' },
    rules: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['editable'],
        properties: { editable: { type: 'boolean' }, reason: { type: 'string' } },
      },
    },
  },
} as const;

export const privacyRequestSchema = {
  $id: 'PrivacyRequest',
  type: 'object',
  required: ['id', 'type', 'status', 'createdAt', 'dueAt'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: ['export', 'deletion'] },
    status: { type: 'string', enum: ['pending', 'ready', 'completed'] },
    createdAt: { type: 'string', format: 'date-time' },
    dueAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** Every shared schema, registered with `addSchema`. */
export const sharedSchemas = [
  errorSchema,
  faxSchema,
  tokenPairSchema,
  accountSchema,
  privacySettingsSchema,
  privacyStateSchema,
  privacyRequestSchema,
];

/** The error responses a route may give, for its schema. */
export function errors(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(statuses.map((status) => [status, { $ref: 'Error#' }]));
}

/**
 * The error responses of a route that otherwise produces something else (a PDF, an event
 * stream): named as JSON, or the document would claim the error comes in the route's type.
 */
export function jsonErrors(...statuses: number[]): Record<number, object> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'An error', content: { 'application/json': { schema: { $ref: 'Error#' } } } },
    ]),
  );
}

/** Bearer authentication, for the OpenAPI document. */
export const bearer = [{ bearer: [] }];
