// CCurl — libcurl for Swift: typed, non-variadic entry points, loaded on first use.
//
// libcurl's setopt/getinfo functions are C variadics, which Swift cannot call, so every
// argument type gets its own typed wrapper. libcurl itself is opened with dlopen the first
// time any wrapper runs (ccurl_load), not linked: loading it and the libraries it pulls in
// (TLS, Kerberos, LDAP, RTMP...) costs about 10 ms at process start, more than a cached
// `ssopick credential-process` may take in all. Only CurlTransport imports this header;
// C types never reach a public Swift API.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Loads libcurl (once; thread-safe). Returns 0 on success; otherwise writes a message a
/// person can act on into `message` (at most `length` bytes, NUL-terminated).
int ccurl_load(char *_Nonnull message, size_t length);

/// curl_global_init(CURL_GLOBAL_DEFAULT), after loading libcurl.
CURLcode ccurl_global_init_default(void);

/// curl_version_info for the headers this module was compiled against (NULL if libcurl
/// cannot be loaded).
const curl_version_info_data *_Nullable ccurl_version_info(void);

// Easy interface.
CURL *_Nullable ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *_Nonnull handle);
void ccurl_easy_reset(CURL *_Nonnull handle);
const char *_Nonnull ccurl_easy_strerror(CURLcode code);
CURLcode ccurl_easy_setopt_long(CURL *_Nonnull handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_string(CURL *_Nonnull handle, CURLoption option, const char *_Nullable value);
CURLcode ccurl_easy_setopt_pointer(CURL *_Nonnull handle, CURLoption option, void *_Nullable value);
CURLcode ccurl_easy_setopt_slist(CURL *_Nonnull handle, CURLoption option, struct curl_slist *_Nullable value);
CURLcode ccurl_easy_setopt_offset(CURL *_Nonnull handle, CURLoption option, curl_off_t value);
CURLcode ccurl_easy_setopt_share(CURL *_Nonnull handle, CURLSH *_Nullable share);

typedef size_t (*ccurl_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nullable userdata);
CURLcode ccurl_easy_setopt_write_function(CURL *_Nonnull handle, ccurl_data_callback _Nonnull callback);
CURLcode ccurl_easy_setopt_header_function(CURL *_Nonnull handle, ccurl_data_callback _Nonnull callback);

/// A zero-length request body. libcurl would otherwise read a NULL body from its default
/// read callback (stdin), so an empty body must point at a real, static empty string.
CURLcode ccurl_easy_setopt_empty_postfields(CURL *_Nonnull handle);

/// Allows only http:// and https:// URLs (never file://, ftp://, ...).
CURLcode ccurl_easy_allow_only_http(CURL *_Nonnull handle);

CURLcode ccurl_easy_getinfo_long(CURL *_Nonnull handle, CURLINFO info, long *_Nonnull value);
CURLcode ccurl_easy_getinfo_pointer(CURL *_Nonnull handle, CURLINFO info, void *_Nullable *_Nonnull value);
CURLcode ccurl_easy_getinfo_offset(CURL *_Nonnull handle, CURLINFO info, curl_off_t *_Nonnull value);

// Multi interface.
CURLM *_Nullable ccurl_multi_init(void);
CURLMcode ccurl_multi_cleanup(CURLM *_Nonnull multi);
CURLMcode ccurl_multi_add_handle(CURLM *_Nonnull multi, CURL *_Nonnull handle);
CURLMcode ccurl_multi_remove_handle(CURLM *_Nonnull multi, CURL *_Nonnull handle);
CURLMcode ccurl_multi_perform(CURLM *_Nonnull multi, int *_Nonnull running);
CURLMcode ccurl_multi_poll(CURLM *_Nonnull multi, struct curl_waitfd *_Nullable extra, unsigned int count, int timeout_ms, int *_Nullable numfds);
CURLMcode ccurl_multi_wakeup(CURLM *_Nonnull multi);
CURLMsg *_Nullable ccurl_multi_info_read(CURLM *_Nonnull multi, int *_Nonnull remaining);
CURLMcode ccurl_multi_setopt_long(CURLM *_Nonnull multi, CURLMoption option, long value);
const char *_Nonnull ccurl_multi_strerror(CURLMcode code);

/// The CURLcode of a CURLMSG_DONE message (a member of an anonymous union in C).
CURLcode ccurl_msg_result(const CURLMsg *_Nonnull message);

// Share interface.
CURLSH *_Nullable ccurl_share_init(void);
CURLSHcode ccurl_share_cleanup(CURLSH *_Nonnull share);
CURLSHcode ccurl_share_setopt_long(CURLSH *_Nonnull share, CURLSHoption option, long value);
/// CURLSHOPT_SHARE / CURLSHOPT_UNSHARE take a curl_lock_data (an int), not a long.
CURLSHcode ccurl_share_setopt_lock_data(CURLSH *_Nonnull share, CURLSHoption option, curl_lock_data value);

// String lists.
struct curl_slist *_Nullable ccurl_slist_append(struct curl_slist *_Nullable list, const char *_Nonnull text);
void ccurl_slist_free_all(struct curl_slist *_Nullable list);

/// Feature bits of curl_version_info_data.features (macros with shifts do not import).
int ccurl_feature_ssl(void);
int ccurl_feature_http2(void);
int ccurl_feature_async_dns(void);

#ifdef __cplusplus
}
#endif

#endif
