// Generated from the server's /openapi.json by `npm run sdk:types`. Do not edit:
// change the route schemas and regenerate.

export interface paths {
    "/v1/channels/sms/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A text from a crew member's phone, as the SMS provider posts it
         * @description Form-encoded (or JSON) From, To, Body. Applied as the member whose phone sent it, with the same rules as the API: ACK, ROUTE, SITE, DONE, FAIL why, BACKUP, then details read by the vertical's feedback parser; a number names the mission when the member has several open (ACK 2). The sender is answered by text; an unknown number gets nothing. A MessageSid seen before is not applied again. Called with a channels:inbound key, or by the http provider signing its form (X-Twilio-Signature).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        Body: string;
                        /** @description E.164, as providers send it */
                        From: string;
                        MessageSid?: string;
                        To: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description received before (same MessageSid): nothing done again */
                            duplicate: boolean;
                            mission_id: string | null;
                            /** @enum {unknown} */
                            outcome: "applied" | "backup_dispatched" | "not_understood" | "refused" | "unknown_sender";
                            reply: string | null;
                            status: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/sms/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Texts sent to crews and received from them, newest first
         * @description Every text of the organization, whatever the provider; with the log provider (WEDE_SMS_PROVIDER=log, for development) this is the only place they go.
         */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    direction?: "out" | "in";
                    limit?: number;
                    /** @description A UUID (v7, time-ordered) */
                    mission_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                body: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                /** @enum {unknown} */
                                direction: "out" | "in";
                                error: string | null;
                                from: string;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                member_id: string | null;
                                mission_id: string | null;
                                provider_id: string | null;
                                /** @description out: queued, sending, sent, failed; in: received, applied, refused */
                                status: string;
                                to: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/sms/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The SMS provider reports where a text Wede sent has got to
         * @description Form-encoded MessageSid, MessageStatus (sent, delivered, failed, undelivered…), ErrorCode. A text that reached the phone marks its mission SENT over sms if nothing confirmed it before. Signed by the provider, or with a channels:inbound key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ErrorCode?: string;
                        MessageSid: string;
                        MessageStatus: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List events, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    external_id?: string;
                    limit?: number;
                    priority?: "low" | "medium" | "high" | "critical";
                    status?: "OPEN" | "CLOSED";
                    /** @description A line of work such as healthcare, fire or security (lowercase) */
                    vertical?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                address: string | null;
                                close_reason: string | null;
                                closed_at: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                external_id: string | null;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                lat: number;
                                lng: number;
                                notes: string | null;
                                /**
                                 * Format: date-time
                                 * @description when the incident was received; created_at is when Wede recorded it
                                 */
                                occurred_at: string;
                                /** @enum {unknown} */
                                priority: "low" | "medium" | "high" | "critical";
                                /** @enum {unknown} */
                                status: "OPEN" | "CLOSED";
                                title: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                updated_at: string;
                                vertical: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Record an event
         * @description Supervisor and admin keys may give occurred_at, when the incident was really received (a late entry, an import); it may not be in the future. created_at is always when it was recorded.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        /** @description the event's id in another system; unique within the organization */
                        external_id?: string;
                        /** @description WGS84 degrees */
                        lat: number;
                        /** @description WGS84 degrees */
                        lng: number;
                        notes?: string;
                        /**
                         * Format: date-time
                         * @description when it really happened, for a record entered late or imported from another system; supervisor and admin keys only; not in the future; default: now
                         */
                        occurred_at?: string;
                        /** @enum {unknown} */
                        priority?: "low" | "medium" | "high" | "critical";
                        title?: string;
                        /** @description A line of work such as healthcare, fire or security (lowercase) */
                        vertical: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string | null;
                            close_reason: string | null;
                            closed_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            external_id: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number;
                            lng: number;
                            notes: string | null;
                            /**
                             * Format: date-time
                             * @description when the incident was received; created_at is when Wede recorded it
                             */
                            occurred_at: string;
                            /** @enum {unknown} */
                            priority: "low" | "medium" | "high" | "critical";
                            /** @enum {unknown} */
                            status: "OPEN" | "CLOSED";
                            title: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            vertical: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an event */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string | null;
                            close_reason: string | null;
                            closed_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            external_id: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number;
                            lng: number;
                            notes: string | null;
                            /**
                             * Format: date-time
                             * @description when the incident was received; created_at is when Wede recorded it
                             */
                            occurred_at: string;
                            /** @enum {unknown} */
                            priority: "low" | "medium" | "high" | "critical";
                            /** @enum {unknown} */
                            status: "OPEN" | "CLOSED";
                            title: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            vertical: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Correct an open event */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        /** @description WGS84 degrees */
                        lat?: number;
                        /** @description WGS84 degrees */
                        lng?: number;
                        notes?: string;
                        /** @enum {unknown} */
                        priority?: "low" | "medium" | "high" | "critical";
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string | null;
                            close_reason: string | null;
                            closed_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            external_id: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number;
                            lng: number;
                            notes: string | null;
                            /**
                             * Format: date-time
                             * @description when the incident was received; created_at is when Wede recorded it
                             */
                            occurred_at: string;
                            /** @enum {unknown} */
                            priority: "low" | "medium" | "high" | "critical";
                            /** @enum {unknown} */
                            status: "OPEN" | "CLOSED";
                            title: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            vertical: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/events/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close an event by hand
         * @description Refused with 409 while missions are active, unless fail_active_missions is true: then they end FAILED with the given reason, and the event closes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description end the missions still active as FAILED instead of refusing the close */
                        fail_active_missions?: boolean;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string | null;
                            close_reason: string | null;
                            closed_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            external_id: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number;
                            lng: number;
                            notes: string | null;
                            /**
                             * Format: date-time
                             * @description when the incident was received; created_at is when Wede recorded it
                             */
                            occurred_at: string;
                            /** @enum {unknown} */
                            priority: "low" | "medium" | "high" | "critical";
                            /** @enum {unknown} */
                            status: "OPEN" | "CLOSED";
                            title: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            vertical: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never their secrets), newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                member_id: string | null;
                                name: string;
                                permissions: ("missions:view" | "missions:manage" | "missions:receive" | "missions:backup" | "teams:view" | "teams:manage" | "teams:dispatch" | "teams:location" | "events:view" | "events:manage" | "members:view" | "members:manage" | "keys:manage" | "webhooks:manage" | "channels:inbound")[] | null;
                                /** @description the first characters of the key, to tell keys apart */
                                prefix: string;
                                revoked_at: string | null;
                                role: ("admin" | "supervisor" | "dispatcher" | "operator") | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key
         * @description Give a role, a permission list, or a member_id (the key then acts as that member, with the member's role and team). The secret is in `key`, shown only here.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description A UUID (v7, time-ordered)
                         */
                        member_id?: string;
                        name: string;
                        permissions?: ("missions:view" | "missions:manage" | "missions:receive" | "missions:backup" | "teams:view" | "teams:manage" | "teams:dispatch" | "teams:location" | "events:view" | "events:manage" | "members:view" | "members:manage" | "keys:manage" | "webhooks:manage" | "channels:inbound")[];
                        /** @enum {unknown} */
                        role?: "admin" | "supervisor" | "dispatcher" | "operator";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            key: string | null;
                            member_id: string | null;
                            name: string;
                            permissions: ("missions:view" | "missions:manage" | "missions:receive" | "missions:backup" | "teams:view" | "teams:manage" | "teams:dispatch" | "teams:location" | "events:view" | "events:manage" | "members:view" | "members:manage" | "keys:manage" | "webhooks:manage" | "channels:inbound")[] | null;
                            /** @description the first characters of the key, to tell keys apart */
                            prefix: string;
                            revoked_at: string | null;
                            role: ("admin" | "supervisor" | "dispatcher" | "operator") | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            member_id: string | null;
                            name: string;
                            permissions: ("missions:view" | "missions:manage" | "missions:receive" | "missions:backup" | "teams:view" | "teams:manage" | "teams:dispatch" | "teams:location" | "events:view" | "events:manage" | "members:view" | "members:manage" | "keys:manage" | "webhooks:manage" | "channels:inbound")[] | null;
                            /** @description the first characters of the key, to tell keys apart */
                            prefix: string;
                            revoked_at: string | null;
                            role: ("admin" | "supervisor" | "dispatcher" | "operator") | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List members, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    limit?: number;
                    role?: "admin" | "supervisor" | "dispatcher" | "operator";
                    /** @description A UUID (v7, time-ordered) */
                    team_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                email: string | null;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                name: string;
                                phone: string | null;
                                /** @enum {unknown} */
                                role: "admin" | "supervisor" | "dispatcher" | "operator";
                                team_id: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a member */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        name: string;
                        phone?: string | null;
                        /** @enum {unknown} */
                        role: "admin" | "supervisor" | "dispatcher" | "operator";
                        team_id?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            email: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            name: string;
                            phone: string | null;
                            /** @enum {unknown} */
                            role: "admin" | "supervisor" | "dispatcher" | "operator";
                            team_id: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a member */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            email: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            name: string;
                            phone: string | null;
                            /** @enum {unknown} */
                            role: "admin" | "supervisor" | "dispatcher" | "operator";
                            team_id: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a member */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        name?: string;
                        phone?: string | null;
                        /** @enum {unknown} */
                        role?: "admin" | "supervisor" | "dispatcher" | "operator";
                        team_id?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            email: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            name: string;
                            phone: string | null;
                            /** @enum {unknown} */
                            role: "admin" | "supervisor" | "dispatcher" | "operator";
                            team_id: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/missions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List missions
         * @description Newest first. Field operators see only their own team's missions.
         */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    /** @description A UUID (v7, time-ordered) */
                    event_id?: string;
                    limit?: number;
                    /** @description A UUID (v7, time-ordered) */
                    member_id?: string;
                    /** @description one status, or a comma-separated list of them: CREATED, SENT, ACK, ON_ROUTE, ON_SITE, COMPLETED, FAILED */
                    status?: string;
                    /** @description A UUID (v7, time-ordered) */
                    team_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                ack_at: string | null;
                                backup_of: string | null;
                                channel_used: ("internet" | "sms") | null;
                                completed_at: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                dispatched_at: string;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                event_id: string;
                                event_lat: number;
                                event_lng: number;
                                failed_at: string | null;
                                failure_reason: string | null;
                                feedback: {
                                    [key: string]: unknown;
                                } | null;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                /** @description the team's members at dispatch time */
                                member_ids: string[];
                                notes: string | null;
                                on_route_at: string | null;
                                on_site_at: string | null;
                                /** @enum {unknown} */
                                priority: "low" | "medium" | "high" | "critical";
                                sent_at: string | null;
                                /** @description grows by one with each transition */
                                sequence: number;
                                /** @enum {unknown} */
                                status: "CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED";
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                team_id: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                updated_at: string;
                                vertical: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/missions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a mission */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ack_at: string | null;
                            backup_of: string | null;
                            channel_used: ("internet" | "sms") | null;
                            completed_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            dispatched_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            event_id: string;
                            event_lat: number;
                            event_lng: number;
                            failed_at: string | null;
                            failure_reason: string | null;
                            feedback: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            /** @description the team's members at dispatch time */
                            member_ids: string[];
                            notes: string | null;
                            on_route_at: string | null;
                            on_site_at: string | null;
                            /** @enum {unknown} */
                            priority: "low" | "medium" | "high" | "critical";
                            sent_at: string | null;
                            /** @description grows by one with each transition */
                            sequence: number;
                            /** @enum {unknown} */
                            status: "CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED";
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            team_id: string;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            vertical: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/missions/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mission's transitions, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            data: {
                                /** @enum {unknown} */
                                channel: "api" | "sms" | "internet" | "system";
                                feedback: {
                                    [key: string]: unknown;
                                } | null;
                                from_status: ("CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED") | null;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                key_id: string | null;
                                member_id: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                occurred_at: string;
                                reason: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                recorded_at: string;
                                sequence: number;
                                /** @enum {unknown} */
                                status: "CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/missions/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a mission's status
         * @description Forward only; ACK, ON_ROUTE and ON_SITE by a field operator of the mission's team, COMPLETED and FAILED also by a supervisor. Feedback up to 16 KiB.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        feedback?: {
                            [key: string]: unknown;
                        };
                        /**
                         * Format: date-time
                         * @description when it really happened, for a device that was offline
                         */
                        occurred_at?: string;
                        reason?: string;
                        /** @enum {unknown} */
                        status: "CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ack_at: string | null;
                            backup_of: string | null;
                            channel_used: ("internet" | "sms") | null;
                            completed_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            dispatched_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            event_id: string;
                            event_lat: number;
                            event_lng: number;
                            failed_at: string | null;
                            failure_reason: string | null;
                            feedback: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            /** @description the team's members at dispatch time */
                            member_ids: string[];
                            notes: string | null;
                            on_route_at: string | null;
                            on_site_at: string | null;
                            /** @enum {unknown} */
                            priority: "low" | "medium" | "high" | "critical";
                            sent_at: string | null;
                            /** @description grows by one with each transition */
                            sequence: number;
                            /** @enum {unknown} */
                            status: "CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED";
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            team_id: string;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            vertical: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/reports/response-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Response-time report
         * @description Per group, the count, mean, median, 90th percentile and share within target (in seconds) of turnout (dispatched_at to on_route_at), travel (on_route_at to on_site_at), response (dispatched_at to on_site_at) and on-scene time (on_site_at to completed_at), over the missions dispatched from `from` (inclusive) to `to` (exclusive). A mission without both ends of an interval is left out of that interval. Median and p90 are nearest-rank: the value at rank ceil(0.5 × n) and ceil(0.9 × n) of the n sorted values, never interpolated; the mean is rounded to 0.1 s, within_target to 4 decimals. Without group_by, one group `{}` (also when nothing matches); with it, one group per value found, ordered: verticals and teams by name (then team id), priorities from critical to low, hours 0 to 23 (of dispatched_at, in `timezone`). Needs missions:view; a field operator sees his own team's missions only.
         */
        get: {
            parameters: {
                query?: {
                    /** @description RFC 3339; missions dispatched at or after it (default: no start) */
                    from?: string;
                    /** @description one group per value; without it, one group of every mission */
                    group_by?: "vertical" | "team" | "priority" | "hour";
                    /** @description On-scene target in seconds (default none: within_target is null); within_target is the share at or under it */
                    on_scene_target?: number;
                    priority?: "low" | "medium" | "high" | "critical";
                    /** @description Response target in seconds (default turnout_target + travel_target); within_target is the share at or under it */
                    response_target?: number;
                    /** @description A UUID (v7, time-ordered) */
                    team_id?: string;
                    /** @description IANA time zone of group_by=hour, e.g. America/Los_Angeles (default UTC) */
                    timezone?: string;
                    /** @description RFC 3339; missions dispatched before it (default: no end); later than from */
                    to?: string;
                    /** @description Travel target in seconds (default 240); within_target is the share at or under it */
                    travel_target?: number;
                    /** @description Turnout target in seconds (default 80); within_target is the share at or under it */
                    turnout_target?: number;
                    /** @description A line of work such as healthcare, fire or security (lowercase) */
                    vertical?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description What the group shares: {} without group_by, {"vertical"}, {"team_id", "team_name"}, {"priority"} or {"hour"} */
                                group: {
                                    hour?: number;
                                    priority?: string;
                                    /**
                                     * Format: uuid
                                     * @description A UUID (v7, time-ordered)
                                     */
                                    team_id?: string;
                                    team_name?: string;
                                    vertical?: string;
                                };
                                on_scene: {
                                    /** @description missions with both ends of the interval */
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                    p90: number | null;
                                    within_target: number | null;
                                };
                                response: {
                                    /** @description missions with both ends of the interval */
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                    p90: number | null;
                                    within_target: number | null;
                                };
                                travel: {
                                    /** @description missions with both ends of the interval */
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                    p90: number | null;
                                    within_target: number | null;
                                };
                                turnout: {
                                    /** @description missions with both ends of the interval */
                                    count: number;
                                    mean: number | null;
                                    median: number | null;
                                    p90: number | null;
                                    within_target: number | null;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stream/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a one-time ticket to open the stream from a browser
         * @description Any key may ask. The ticket goes in the URL (`/v1/stream?ticket=…`) where a browser cannot send a header; it acts as this key, once, for 60 seconds.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            expires_at: string;
                            /** @description The ticket; null when the answer is a replay, as a ticket is never stored */
                            ticket: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List teams, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    limit?: number;
                    name?: string;
                    status?: "AVAILABLE" | "BUSY" | "OFF_DUTY";
                    /** @description A line of work such as healthcare, fire or security (lowercase) */
                    vertical?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                lat: number | null;
                                lng: number | null;
                                location_updated_at: string | null;
                                name: string;
                                /** @enum {unknown} */
                                status: "AVAILABLE" | "BUSY" | "OFF_DUTY";
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                updated_at: string;
                                verticals: string[];
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a team */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description WGS84 degrees */
                        lat?: number;
                        /** @description WGS84 degrees */
                        lng?: number;
                        name: string;
                        /** @enum {unknown} */
                        status?: "AVAILABLE" | "OFF_DUTY";
                        verticals?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number | null;
                            lng: number | null;
                            location_updated_at: string | null;
                            name: string;
                            /** @enum {unknown} */
                            status: "AVAILABLE" | "BUSY" | "OFF_DUTY";
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            verticals: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a team */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number | null;
                            lng: number | null;
                            location_updated_at: string | null;
                            name: string;
                            /** @enum {unknown} */
                            status: "AVAILABLE" | "BUSY" | "OFF_DUTY";
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            verticals: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a team, change its verticals, or take it on or off duty */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {unknown} */
                        status?: "AVAILABLE" | "OFF_DUTY";
                        verticals?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number | null;
                            lng: number | null;
                            location_updated_at: string | null;
                            name: string;
                            /** @enum {unknown} */
                            status: "AVAILABLE" | "BUSY" | "OFF_DUTY";
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            verticals: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/teams/{id}/location": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Report a team's location
         * @description Field operators report their own team's location.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description WGS84 degrees */
                        lat: number;
                        /** @description WGS84 degrees */
                        lng: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            lat: number | null;
                            lng: number | null;
                            location_updated_at: string | null;
                            name: string;
                            /** @enum {unknown} */
                            status: "AVAILABLE" | "BUSY" | "OFF_DUTY";
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            verticals: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dispatch a team to an event
         * @description Creates a CREATED mission and marks the team BUSY. Without team_id, the nearest available team serving the event's vertical is chosen. For backup, dispatch to the same event (with backup_of); a field operator may do so only for an event his own team is on. With divert and a team_id, a team BUSY on another event is taken from it: that mission ends FAILED (reason "diverted") in the same transaction, and the answer shows it as diverted. Supervisor and admin keys may give occurred_at, for a dispatch entered late or imported: it becomes dispatched_at, and may be neither before the event was received nor in the future.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description A UUID (v7, time-ordered)
                         */
                        backup_of?: string;
                        /** @description with team_id: take the team even if it is BUSY on a mission of another event; that mission ends FAILED with reason "diverted" at this dispatch's time. Needs teams:dispatch */
                        divert?: boolean;
                        /**
                         * Format: uuid
                         * @description with divert: the mission the team is expected to be on; if it is on another by now (say, diverted by someone else a moment ago), the dispatch is refused with 409
                         */
                        divert_from?: string;
                        /**
                         * Format: uuid
                         * @description A UUID (v7, time-ordered)
                         */
                        event_id: string;
                        /** @description WGS84 degrees */
                        event_lat?: number;
                        /** @description WGS84 degrees */
                        event_lng?: number;
                        notes?: string;
                        /**
                         * Format: date-time
                         * @description when it really happened, for a record entered late or imported from another system; supervisor and admin keys only; not in the future; default: now
                         */
                        occurred_at?: string;
                        /**
                         * Format: uuid
                         * @description A UUID (v7, time-ordered)
                         */
                        team_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ack_at: string | null;
                            backup_of: string | null;
                            channel_used: ("internet" | "sms") | null;
                            completed_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            dispatched_at: string;
                            /** @description only when divert took the team from another mission: that mission, now FAILED */
                            diverted?: {
                                ack_at: string | null;
                                backup_of: string | null;
                                channel_used: ("internet" | "sms") | null;
                                completed_at: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                dispatched_at: string;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                event_id: string;
                                event_lat: number;
                                event_lng: number;
                                failed_at: string | null;
                                failure_reason: string | null;
                                feedback: {
                                    [key: string]: unknown;
                                } | null;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                /** @description the team's members at dispatch time */
                                member_ids: string[];
                                notes: string | null;
                                on_route_at: string | null;
                                on_site_at: string | null;
                                /** @enum {unknown} */
                                priority: "low" | "medium" | "high" | "critical";
                                sent_at: string | null;
                                /** @description grows by one with each transition */
                                sequence: number;
                                /** @enum {unknown} */
                                status: "CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED";
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                team_id: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                updated_at: string;
                                vertical: string;
                            };
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            event_id: string;
                            event_lat: number;
                            event_lng: number;
                            failed_at: string | null;
                            failure_reason: string | null;
                            feedback: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            /** @description the team's members at dispatch time */
                            member_ids: string[];
                            notes: string | null;
                            on_route_at: string | null;
                            on_site_at: string | null;
                            /** @enum {unknown} */
                            priority: "low" | "medium" | "high" | "critical";
                            sent_at: string | null;
                            /** @description grows by one with each transition */
                            sequence: number;
                            /** @enum {unknown} */
                            status: "CREATED" | "SENT" | "ACK" | "ON_ROUTE" | "ON_SITE" | "COMPLETED" | "FAILED";
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            team_id: string;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            vertical: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                description: string | null;
                                disabled_reason: string | null;
                                enabled: boolean;
                                events: string[];
                                failing_since: string | null;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                previous_secret_expires_at: string | null;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                updated_at: string;
                                url: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a webhook endpoint
         * @description Messages are signed per Standard Webhooks with the returned secret (whsec_…), which is shown only here and on rotation. URLs must be https, and must not resolve to loopback, private or link-local addresses, unless the server allows it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /** @description the message types to receive; "*" for all */
                        events: ("*" | "mission.created" | "mission.status_updated" | "mission.undelivered" | "event.created" | "event.closed" | "team.status_changed" | "endpoint.disabled")[];
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            enabled: boolean;
                            events: string[];
                            failing_since: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            previous_secret_expires_at: string | null;
                            secret: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            enabled: boolean;
                            events: string[];
                            failing_since: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            previous_secret_expires_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an endpoint and its delivery log */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deleted: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change the URL, the events, or enable and disable an endpoint */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        enabled?: boolean;
                        /** @description the message types to receive; "*" for all */
                        events?: ("*" | "mission.created" | "mission.status_updated" | "mission.undelivered" | "event.created" | "event.closed" | "team.status_changed" | "endpoint.disabled")[];
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            enabled: boolean;
                            events: string[];
                            failing_since: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            previous_secret_expires_at: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of an endpoint, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of a page */
                    cursor?: string;
                    limit?: number;
                    status?: "pending" | "delivered" | "failed";
                };
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the number of items in this page */
                            count: number;
                            data: {
                                attempts: number;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                                 */
                                created_at: string;
                                delivered_at: string | null;
                                event: string;
                                /**
                                 * Format: uuid
                                 * @description A UUID (v7, time-ordered)
                                 */
                                id: string;
                                last_attempt_at: string | null;
                                last_error: string | null;
                                last_response_excerpt: string | null;
                                last_status_code: number | null;
                                message_id: string;
                                next_attempt_at: string | null;
                                /** @enum {unknown} */
                                status: "pending" | "delivered" | "failed";
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one message again, or every message that failed since a time */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                         */
                        failed_since?: string;
                        message_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requeued: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Messages carry signatures with both the new and the old secret for 24 h.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID (v7, time-ordered) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            enabled: boolean;
                            events: string[];
                            failing_since: string | null;
                            /**
                             * Format: uuid
                             * @description A UUID (v7, time-ordered)
                             */
                            id: string;
                            previous_secret_expires_at: string | null;
                            secret: string | null;
                            /**
                             * Format: date-time
                             * @description RFC 3339 UTC time, e.g. 2026-06-09T18:00:00.000Z
                             */
                            updated_at: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
