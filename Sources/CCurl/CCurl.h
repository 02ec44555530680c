// CCurl — libcurl for Swift, found through pkg-config.
//
// libcurl's setopt/getinfo functions are C variadics, which Swift cannot call. These
// static inline wrappers give each argument type its own, typed entry point. Only the
// CurlTransport module imports this header; C types never reach a public Swift API.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_share(CURL *handle, CURLSH *share) {
  return curl_easy_setopt(handle, CURLOPT_SHARE, share);
}

typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *userdata);

static inline CURLcode ccurl_easy_setopt_write_function(CURL *handle, ccurl_data_callback callback) {
  return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode ccurl_easy_setopt_header_function(CURL *handle, ccurl_data_callback callback) {
  return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLSHcode ccurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
  return curl_share_setopt(share, option, value);
}

static inline CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
  return curl_multi_setopt(multi, option, value);
}

// MARK: Additions for CurlTransport's multi-interface engine.

/// curl_global_init with the default flags (the macro is an expression Swift cannot import).
static inline CURLcode ccurl_global_init_default(void) {
  return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// A zero-length request body. libcurl would otherwise read a NULL body from its default
/// read callback (stdin), so an empty body must point at a real, static empty string.
static inline CURLcode ccurl_easy_setopt_empty_postfields(CURL *handle) {
  return curl_easy_setopt(handle, CURLOPT_POSTFIELDS, "");
}

static inline CURLcode ccurl_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(handle, info, value);
}

/// Allows only http:// and https:// URLs (never file://, ftp://, ...). CURLOPT_PROTOCOLS_STR
/// is 7.85+; older libcurl (Ubuntu 22.04 has 7.81) only has the bitmask.
static inline CURLcode ccurl_easy_allow_only_http(CURL *handle) {
#if LIBCURL_VERSION_NUM >= 0x075500
  return curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  return curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

/// CURLSHOPT_SHARE / CURLSHOPT_UNSHARE take a curl_lock_data (an int), not a long.
static inline CURLSHcode ccurl_share_setopt_lock_data(CURLSH *share, CURLSHoption option, curl_lock_data value) {
  return curl_share_setopt(share, option, value);
}

/// The CURLcode of a CURLMSG_DONE message (a member of an anonymous union in C).
static inline CURLcode ccurl_msg_result(const CURLMsg *message) {
  return message->data.result;
}

/// curl_version_info for the headers this module was compiled against.
static inline const curl_version_info_data *ccurl_version_info(void) {
  return curl_version_info(CURLVERSION_NOW);
}

/// Feature bits of curl_version_info_data.features (macros with shifts do not import).
static inline int ccurl_feature_ssl(void) { return CURL_VERSION_SSL; }
static inline int ccurl_feature_http2(void) { return CURL_VERSION_HTTP2; }
static inline int ccurl_feature_async_dns(void) { return CURL_VERSION_ASYNCHDNS; }

#endif
