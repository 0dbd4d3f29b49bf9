#ifndef LIAISOND_CCURL_SHIM_H
#define LIAISOND_CCURL_SHIM_H

// Typed wrappers around libcurl's variadic calls, which Swift cannot call directly
// (the GRDBSQLite shim style): one static inline function per argument type.

#include <curl/curl.h>

typedef size_t (*lsd_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode lsd_curl_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode lsd_curl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(handle, option, value);
}

// libcurl copies string options (since 7.17.0), so the Swift string may be temporary.
static inline CURLcode lsd_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode lsd_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}

// The slist is NOT copied: the caller keeps it alive as long as the handle uses it.
static inline CURLcode lsd_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return curl_easy_setopt(handle, option, value);
}

// WRITEFUNCTION, HEADERFUNCTION and READFUNCTION share this signature.
static inline CURLcode lsd_curl_setopt_data_callback(CURL *handle, CURLoption option, lsd_curl_data_callback value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode lsd_curl_setopt_debug_callback(CURL *handle, curl_debug_callback value) {
  return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}

static inline CURLcode lsd_curl_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback value) {
  return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

static inline CURLcode lsd_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode lsd_curl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode lsd_curl_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(handle, info, value);
}

#endif
