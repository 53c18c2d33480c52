// The error envelope of every /v1 route except the token endpoint, and the RFC 6749 errors of the token endpoint.

export type ErrorCode =
	| 'bad_request'
	| 'missing_token'
	| 'invalid_token'
	| 'token_expired'
	| 'not_found'
	| 'conflict'
	| 'idempotency_key_reused'
	| 'unsupported_media_type'
	| 'validation_error'
	| 'rate_limited'
	| 'internal_error'
	| 'service_unavailable';

export interface ErrorBody {
	error: {
		code: ErrorCode;
		message: string;
		status: number;
		field?: string;
		request_id: string;
	};
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		message: string,
		readonly field?: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	body(requestId: string): ErrorBody {
		// Key order as documented: code, message, status, field, request_id.
		const field = this.field === undefined ? {} : { field: this.field };
		return {
			error: {
				code: this.code,
				message: this.message,
				status: this.status,
				...field,
				request_id: requestId,
			},
		};
	}
}

export function notFound(kind: string, id: string): ApiError {
	return new ApiError(
		404,
		'not_found',
		`${kind} ${id} was not found. Check the ID; it may have been deleted.`,
	);
}

export function conflict(message: string): ApiError {
	return new ApiError(409, 'conflict', message);
}

export function validationError(field: string | undefined, message: string): ApiError {
	return new ApiError(422, 'validation_error', message, field);
}

export function unauthorized(
	code: 'missing_token' | 'invalid_token' | 'token_expired',
	message: string,
): ApiError {
	return new ApiError(401, code, message, undefined, {
		'WWW-Authenticate': 'Bearer error="invalid_token"',
	});
}

export function internalError(requestIdHint = ''): ApiError {
	return new ApiError(
		500,
		'internal_error',
		`Something went wrong on the WorkFlux side${requestIdHint}. Try again; a POST with the same Idempotency-Key is safe to repeat.`,
	);
}

export function serviceUnavailable(retryAfterSeconds: number): ApiError {
	return new ApiError(
		503,
		'service_unavailable',
		`WorkFlux is temporarily unavailable. Try again in ${retryAfterSeconds} seconds.`,
		undefined,
		{ 'Retry-After': String(retryAfterSeconds) },
	);
}

export type OAuthErrorCode =
	| 'invalid_request'
	| 'invalid_client'
	| 'unsupported_grant_type'
	| 'invalid_scope';

/** RFC 6749 section 5.2 error of the token endpoint. */
export class OAuthError extends Error {
	constructor(
		readonly status: 400 | 401,
		readonly error: OAuthErrorCode,
		readonly description: string,
		readonly headers: Record<string, string> = {},
	) {
		super(description);
	}

	body(): { error: OAuthErrorCode; error_description: string } {
		return { error: this.error, error_description: this.description };
	}
}
