package account

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Kind sorts failed calls by what the user can do about them.
type Kind int

// The kinds of failure, each with its own advice.
const (
	// KindService is any other error the service returned.
	KindService Kind = iota
	// KindNoCredentials: no credentials were found or they were rejected.
	KindNoCredentials
	// KindNoRegion: the configuration names no region.
	KindNoRegion
	// KindExpired: the session token or SSO session has expired.
	KindExpired
	// KindAccessDenied: the caller may not perform the action.
	KindAccessDenied
	// KindThrottled: the service still throttled after every retry.
	KindThrottled
	// KindOffline: the endpoint could not be reached at all.
	KindOffline
	// KindTimeout: the call did not finish within its timeout.
	KindTimeout
	// KindNotFound: the resource does not exist.
	KindNotFound
	// KindCanceled: the user cancelled the call.
	KindCanceled
)

var kindNames = [...]string{"service error", "no credentials", "no region", "expired", "access denied", "throttled", "offline", "timeout", "not found", "canceled"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is one failed call: which action (in IAM's service:Operation form),
// what kind of failure, and a message that says what to do.
type Error struct {
	Kind Kind
	// Action is the IAM action of the call, such as kms:ListKeys.
	Action string
	// Code is the service's error code, when it sent one.
	Code string
	// Message is the whole explanation, ready to show.
	Message string
	Err     error
}

// Error is "Action: Message".
func (e *Error) Error() string {
	if e.Action == "" {
		return e.Message
	}
	return e.Action + ": " + e.Message
}

// Unwrap returns the SDK's error.
func (e *Error) Unwrap() error { return e.Err }

// IsKind reports whether err is an *Error of kind k.
func IsKind(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}

// The service's error codes for each kind. AWS services do not agree on
// spellings, so each kind lists all the ones the services we call use.
var (
	deniedCodes   = []string{"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "AuthorizationErrorException"}
	expiredCodes  = []string{"ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"}
	rejectedCodes = []string{"InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "AuthFailure", "InvalidSignatureException", "IncompleteSignature"}
	throttleCodes = []string{"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "LimitExceededException"}
	notFoundCodes = []string{"ResourceNotFoundException", "NotFoundException", "DBInstanceNotFound", "DBInstanceNotFoundFault", "DBClusterNotFoundFault", "InvalidSubnetID.NotFound", "InvalidGroup.NotFound", "InvalidVpcID.NotFound", "NotFound"}
)

func codeIn(code string, codes []string) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}

// classify turns an SDK error into an *Error for action.
func classify(err error, action string) error {
	if err == nil {
		return nil
	}
	var done *Error
	if errors.As(err, &done) {
		return err
	}
	e := &Error{Action: action, Err: err}
	var api smithy.APIError
	if errors.As(err, &api) {
		e.Code = api.ErrorCode()
	}
	var sso *ssocreds.InvalidTokenError
	var dns *net.DNSError
	var op *net.OpError
	var send *smithyhttp.RequestSendError
	var garbled *smithy.DeserializationError
	var resp *smithyhttp.ResponseError
	throttled := codeIn(e.Code, throttleCodes)
	switch {
	case errors.Is(err, context.Canceled):
		e.Kind, e.Message = KindCanceled, "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		e.Kind, e.Message = KindTimeout, "no answer within the call's timeout; the network or the service is slow, try again"
	case errors.As(err, &sso):
		e.Kind, e.Message = KindExpired, "the SSO session has expired; run 'aws sso login' and start again"
	case codeIn(e.Code, expiredCodes):
		e.Kind, e.Message = KindExpired, "the session token has expired; refresh the credentials (aws sso login, or new temporary credentials) and start again"
	case codeIn(e.Code, deniedCodes):
		e.Kind, e.Message = KindAccessDenied, fmt.Sprintf("access denied; grant %s to the caller to use this", action)
	case codeIn(e.Code, rejectedCodes):
		e.Kind, e.Message = KindNoCredentials, "the credentials were rejected ("+e.Code+"); check the access key or profile"
	case throttled:
		e.Kind, e.Message = KindThrottled, "the service is still throttling after every retry; wait a minute and try again"
	case codeIn(e.Code, notFoundCodes) || strings.HasSuffix(e.Code, ".NotFound") || strings.HasSuffix(e.Code, "NotFoundFault"):
		e.Kind, e.Message = KindNotFound, "not found"
	case isCredentialsError(err):
		e.Kind, e.Message = KindNoCredentials, "no AWS credentials were found; set a profile with --profile, run 'aws configure' or 'aws sso login', or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	case errors.As(err, &dns) || errors.As(err, &op) || errors.As(err, &send):
		e.Kind, e.Message = KindOffline, "cannot reach AWS; check the network connection (offline use needs no --aws)"
	case api == nil && errors.As(err, &garbled):
		// An answer that is not AWS's (a proxy's or captive portal's HTML
		// page, a local emulator lacking the operation): the decoder's own
		// words ("invalid character '<'") say nothing to the user.
		e.Kind, e.Message = KindService, "the endpoint's answer is not an AWS answer"+httpStatus(err)+
			"; check the endpoint, the proxy (HTTPS_PROXY) and the network, then try again"
	case api == nil && errors.As(err, &resp):
		e.Kind, e.Message = KindService, "the endpoint failed the call"+httpStatus(err)+"; try again"
	default:
		e.Kind = KindService
		if api != nil {
			e.Message = api.ErrorMessage()
			if e.Message == "" {
				e.Message = e.Code
			} else {
				e.Message = e.Code + ": " + e.Message
			}
		} else {
			e.Message = err.Error()
		}
	}
	return e
}

// httpStatus is " (HTTP 502)" for an error carrying a response, else "".
func httpStatus(err error) string {
	var resp *smithyhttp.ResponseError
	if errors.As(err, &resp) && resp.HTTPStatusCode() != 0 {
		return fmt.Sprintf(" (HTTP %d)", resp.HTTPStatusCode())
	}
	return ""
}

// Reason is the one line that says why the account cannot be used and what
// to do about it: the message of an *Error (its cause, then its fix),
// without the action, or any other error's text.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// isCredentialsError recognises the SDK's failure to find credentials,
// which it reports as a wrapped plain error from its identity step.
func isCredentialsError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "get identity:") || strings.Contains(msg, "failed to retrieve credentials") ||
		strings.Contains(msg, "failed to refresh cached credentials")
}
