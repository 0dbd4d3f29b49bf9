#ifndef LIAISOND_CCURL_SHIM_H
#define LIAISOND_CCURL_SHIM_H
#include <curl/curl.h>
#endif
