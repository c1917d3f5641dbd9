/*
 * harness.h: a tiny unit-test harness.  Each check prints "PASS name" or
 * "FAIL name: why" for tests/run to count.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_failed;

#define CHECK(name, cond) do {						\
	if (cond)							\
		printf("PASS %s\n", (name));				\
	else {								\
		printf("FAIL %s: %s (%s:%d)\n", (name), #cond,		\
		    __FILE__, __LINE__);				\
		harness_failed++;					\
	}								\
} while (0)

#define CHECK_STR(name, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && strcmp(g_, w_) == 0)				\
		printf("PASS %s\n", (name));				\
	else {								\
		printf("FAIL %s: got '%s', want '%s'\n", (name),	\
		    g_ != NULL ? g_ : "(null)", w_);			\
		harness_failed++;					\
	}								\
} while (0)

#endif /* HARNESS_H */
