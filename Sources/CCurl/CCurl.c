// CCurl — see include/CCurl.h. libcurl is opened with dlopen on first use and every
// function is called through a pointer looked up once. The wrappers keep libcurl's own
// names out of this binary (defining curl_easy_init here would interpose on libcurl's
// internal calls).
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
  CURLcode (*global_init)(long);
  curl_version_info_data *(*version_info)(CURLversion);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *);
  void (*easy_reset)(CURL *);
  const char *(*easy_strerror)(CURLcode);
  CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
  CURLM *(*multi_init)(void);
  CURLMcode (*multi_cleanup)(CURLM *);
  CURLMcode (*multi_add_handle)(CURLM *, CURL *);
  CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
  CURLMcode (*multi_perform)(CURLM *, int *);
  CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
  CURLMcode (*multi_wakeup)(CURLM *);
  CURLMsg *(*multi_info_read)(CURLM *, int *);
  CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
  const char *(*multi_strerror)(CURLMcode);
  CURLSH *(*share_init)(void);
  CURLSHcode (*share_cleanup)(CURLSH *);
  CURLSHcode (*share_setopt)(CURLSH *, CURLSHoption, ...);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded = 0;

static void *open_library(void) {
#if defined(__APPLE__)
  const char *names[] = {"libcurl.4.dylib", "/usr/lib/libcurl.4.dylib",
                         "/opt/homebrew/opt/curl/lib/libcurl.4.dylib",
                         "/usr/local/opt/curl/lib/libcurl.4.dylib"};
#else
  // The OpenSSL flavour first (what libcurl4-openssl-dev builds against), then the GnuTLS
  // and NSS flavours Debian and Ubuntu also ship.
  const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4",
                         "libcurl.so"};
#endif
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    void *library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (library != NULL) return library;
  }
  return NULL;
}

#define BIND(field, symbol)                                                              \
  do {                                                                                   \
    *(void **)(&api.field) = dlsym(library, symbol);                                     \
    if (api.field == NULL) {                                                             \
      snprintf(load_error, sizeof load_error,                                           \
               "the installed libcurl has no %s (libcurl 7.68 or newer is needed)",      \
               symbol);                                                                  \
      return;                                                                            \
    }                                                                                    \
  } while (0)

static void load(void) {
  void *library = open_library();
  if (library == NULL) {
    const char *reason = dlerror();
    snprintf(load_error, sizeof load_error,
             "libcurl could not be loaded (%s). Install it: apt-get install libcurl4 "
             "(Debian/Ubuntu) or brew install curl (macOS)",
             reason != NULL ? reason : "not found");
    return;
  }
  BIND(global_init, "curl_global_init");
  BIND(version_info, "curl_version_info");
  BIND(easy_init, "curl_easy_init");
  BIND(easy_cleanup, "curl_easy_cleanup");
  BIND(easy_reset, "curl_easy_reset");
  BIND(easy_strerror, "curl_easy_strerror");
  BIND(easy_setopt, "curl_easy_setopt");
  BIND(easy_getinfo, "curl_easy_getinfo");
  BIND(multi_init, "curl_multi_init");
  BIND(multi_cleanup, "curl_multi_cleanup");
  BIND(multi_add_handle, "curl_multi_add_handle");
  BIND(multi_remove_handle, "curl_multi_remove_handle");
  BIND(multi_perform, "curl_multi_perform");
  BIND(multi_poll, "curl_multi_poll");
  BIND(multi_wakeup, "curl_multi_wakeup");
  BIND(multi_info_read, "curl_multi_info_read");
  BIND(multi_setopt, "curl_multi_setopt");
  BIND(multi_strerror, "curl_multi_strerror");
  BIND(share_init, "curl_share_init");
  BIND(share_cleanup, "curl_share_cleanup");
  BIND(share_setopt, "curl_share_setopt");
  BIND(slist_append, "curl_slist_append");
  BIND(slist_free_all, "curl_slist_free_all");
  loaded = 1;
}

int ccurl_load(char *message, size_t length) {
  pthread_once(&load_once, load);
  if (loaded) return 0;
  if (length > 0) snprintf(message, length, "%s", load_error);
  return -1;
}

static int ready(void) {
  pthread_once(&load_once, load);
  return loaded;
}

CURLcode ccurl_global_init_default(void) {
  return ready() ? api.global_init(CURL_GLOBAL_DEFAULT) : CURLE_FAILED_INIT;
}

const curl_version_info_data *ccurl_version_info(void) {
  return ready() ? api.version_info(CURLVERSION_NOW) : NULL;
}

// Below, libcurl is known to be loaded: every caller first creates a handle, which fails
// cleanly (NULL) when it is not.
CURL *ccurl_easy_init(void) { return ready() ? api.easy_init() : NULL; }
void ccurl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }
void ccurl_easy_reset(CURL *handle) { api.easy_reset(handle); }
const char *ccurl_easy_strerror(CURLcode code) {
  return ready() ? api.easy_strerror(code) : load_error;
}

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
  return api.easy_setopt(handle, option, value);
}
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return api.easy_setopt(handle, option, value);
}
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return api.easy_setopt(handle, option, value);
}
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return api.easy_setopt(handle, option, value);
}
CURLcode ccurl_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
  return api.easy_setopt(handle, option, value);
}
CURLcode ccurl_easy_setopt_share(CURL *handle, CURLSH *share) {
  return api.easy_setopt(handle, CURLOPT_SHARE, share);
}
CURLcode ccurl_easy_setopt_write_function(CURL *handle, ccurl_data_callback callback) {
  return api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}
CURLcode ccurl_easy_setopt_header_function(CURL *handle, ccurl_data_callback callback) {
  return api.easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}
CURLcode ccurl_easy_setopt_empty_postfields(CURL *handle) {
  return api.easy_setopt(handle, CURLOPT_POSTFIELDS, "");
}
CURLcode ccurl_easy_allow_only_http(CURL *handle) {
  // CURLOPT_PROTOCOLS_STR is 7.85+; the bitmask form works everywhere (deprecated later).
  CURLcode result = api.easy_setopt(handle, (CURLoption)10318 /* CURLOPT_PROTOCOLS_STR */,
                                    "http,https");
  if (result == CURLE_OK) return result;
  return api.easy_setopt(handle, (CURLoption)181 /* CURLOPT_PROTOCOLS */,
                         (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
}

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return api.easy_getinfo(handle, info, value);
}
CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
  return api.easy_getinfo(handle, info, value);
}
CURLcode ccurl_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
  return api.easy_getinfo(handle, info, value);
}

CURLM *ccurl_multi_init(void) { return ready() ? api.multi_init() : NULL; }
CURLMcode ccurl_multi_cleanup(CURLM *multi) { return api.multi_cleanup(multi); }
CURLMcode ccurl_multi_add_handle(CURLM *multi, CURL *handle) {
  return api.multi_add_handle(multi, handle);
}
CURLMcode ccurl_multi_remove_handle(CURLM *multi, CURL *handle) {
  return api.multi_remove_handle(multi, handle);
}
CURLMcode ccurl_multi_perform(CURLM *multi, int *running) {
  return api.multi_perform(multi, running);
}
CURLMcode ccurl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count,
                           int timeout_ms, int *numfds) {
  return api.multi_poll(multi, extra, count, timeout_ms, numfds);
}
CURLMcode ccurl_multi_wakeup(CURLM *multi) { return api.multi_wakeup(multi); }
CURLMsg *ccurl_multi_info_read(CURLM *multi, int *remaining) {
  return api.multi_info_read(multi, remaining);
}
CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
  return api.multi_setopt(multi, option, value);
}
const char *ccurl_multi_strerror(CURLMcode code) {
  return ready() ? api.multi_strerror(code) : load_error;
}
CURLcode ccurl_msg_result(const CURLMsg *message) { return message->data.result; }

CURLSH *ccurl_share_init(void) { return ready() ? api.share_init() : NULL; }
CURLSHcode ccurl_share_cleanup(CURLSH *share) { return api.share_cleanup(share); }
CURLSHcode ccurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
  return api.share_setopt(share, option, value);
}
CURLSHcode ccurl_share_setopt_lock_data(CURLSH *share, CURLSHoption option,
                                        curl_lock_data value) {
  return api.share_setopt(share, option, value);
}

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *text) {
  return ready() ? api.slist_append(list, text) : NULL;
}
void ccurl_slist_free_all(struct curl_slist *list) {
  if (list != NULL) api.slist_free_all(list);
}

int ccurl_feature_ssl(void) { return CURL_VERSION_SSL; }
int ccurl_feature_http2(void) { return CURL_VERSION_HTTP2; }
int ccurl_feature_async_dns(void) { return CURL_VERSION_ASYNCHDNS; }
