import CCurl
import Foundation
import SessionEngine

extension HTTPTransportError.Kind {
  /// The kind of failure a libcurl result code stands for.
  init(curlCode code: CURLcode) {
    switch code {
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
      self = .connect
    case CURLE_OPERATION_TIMEDOUT:
      self = .timeout
    case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
      CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
      CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
      CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
      CURLE_SSL_INVALIDCERTSTATUS, CURLE_USE_SSL_FAILED:
      self = .tls
    case CURLE_ABORTED_BY_CALLBACK:
      self = .cancelled
    default:
      self = .other
    }
  }
}

extension HTTPTransportError {
  /// An error for `code`, with libcurl's message. Any of `secrets` (the URL, its path and
  /// query, header values, proxy URLs) that libcurl might have echoed is cut out, as a last
  /// line of defence: the message must never carry a token.
  init(curlCode code: CURLcode, detail: String?, osErrno: Int, host: String, secrets: [String]) {
    var message = detail ?? String(cString: ccurl_easy_strerror(code))
    if message.last == "\n" { message.removeLast() }
    let kind = Kind(curlCode: code)
    if kind == .connect, osErrno != 0, let reason = strerror(Int32(osErrno)) {
      let text = String(cString: reason)
      if !message.localizedCaseInsensitiveContains(text) {
        message += " (\(text))"
      }
    }
    switch code {
    case CURLE_PEER_FAILED_VERIFICATION:
      message +=
        ". If a proxy or firewall inspects TLS, set AWS_CA_BUNDLE (or ca_bundle in the AWS"
        + " config file) to a PEM file with its CA certificates."
    case CURLE_SSL_CACERT_BADFILE:
      message += ". Check the file named by AWS_CA_BUNDLE or ca_bundle in the AWS config file."
    default:
      break
    }
    for secret in secrets where secret.utf8.count >= 4 && message.contains(secret) {
      message = message.replacingOccurrences(of: secret, with: "<redacted>")
    }
    self.init(kind: kind, message: message, host: host)
  }
}
