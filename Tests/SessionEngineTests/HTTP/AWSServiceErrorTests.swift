import Foundation
import SSOPickTestSupport
import SessionEngine
import Testing

/// Error decoding follows botocore's order (spec §2.1).
struct AWSServiceErrorTests {
  @Test func prefersTheHeaderAndNormalisesIt() {
    let response = HTTPResponse.json(
      400,
      #"{"error":"authorization_pending","error_description":"Authorization is still pending"}"#,
      headers: [
        HTTPHeader(
          "X-Amzn-ErrorType",
          "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"),
        HTTPHeader("x-amzn-RequestId", "4699f496"),
      ])
    let error = AWSServiceError(response: response)
    #expect(error.code == "AuthorizationPendingException")
    #expect(error.message == "Authorization is still pending")
    #expect(error.requestID == "4699f496")
  }

  @Test func fallsBackToCodeThenTypeThenOAuthErrorThenStatus() {
    #expect(AWSServiceError(response: .json(400, #"{"code":"A","__type":"B"}"#)).code == "A")
    #expect(AWSServiceError(response: .json(400, #"{"Code":"A2"}"#)).code == "A2")
    #expect(
      AWSServiceError(response: .json(400, #"{"__type":"com.amazon#Thing:x"}"#)).code == "Thing")
    #expect(
      AWSServiceError(response: .json(400, #"{"error":"slow_down"}"#)).code == "SlowDownException")
    #expect(AWSServiceError(response: HTTPResponse(status: 502)).code == "502")
    #expect(
      AWSServiceError(response: HTTPResponse(status: 503, body: Data("<html>".utf8))).code == "503")
  }

  @Test func portalMessagesAndRetryability() {
    let error = AWSServiceError(
      response: .awsError(429, "TooManyRequestsException", #"{"message":"Slow down"}"#))
    #expect(error.message == "Slow down")
    #expect(error.isRetryable)
    #expect(
      !AWSServiceError(response: .awsError(401, "UnauthorizedException", "{}")).isRetryable)
    #expect(error.description == "TooManyRequestsException (HTTP 429): Slow down")
  }
}
