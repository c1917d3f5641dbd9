# galley: build, check, install.  GNU make.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/galley
COMPDIR ?= $(PREFIX)/share/bash-completion/completions

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PKG_CONFIG ?= pkg-config
PKGS = libxml-2.0 libzip zlib uchardet libpcre2-8

# Library flags are looked up when used, so that "make check" can first
# install what is missing.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
GALLEY_CFLAGS = -std=c11 -Wall -Wextra -pedantic -fvisibility=hidden \
	-pthread -Ilib $(PKG_CFLAGS)

TOOLS = galley galley-split galley-mend galley-tag galley-epub galley-docbook
BINS = $(TOOLS:%=bin/%)
LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:.c=.o)
LIB_HDR = $(wildcard lib/*.h)
MAN1 = $(foreach t,$(TOOLS),cmd/$(t)/$(t).1)
MAN5 = lib/galley.5
MAN7 = cmd/galley/galley.7
XSL = $(sort $(wildcard xsl/*.xsl xsl/*.css))
VERSION = $(shell sed -n 's/^\#define GALLEY_VERSION[^"]*"\(.*\)"/\1/p' lib/galley.h)
DIST = galley-$(VERSION)
UNITS = tests/unit_stream tests/unit_pipeline tests/unit_split_checked

all: $(BINS)

lib/libgalley.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

lib/%.o: lib/%.c $(LIB_HDR)
	$(CC) $(GALLEY_CFLAGS) $(CFLAGS) -c -o $@ $<

bin/%: cmd/%/main.c cmd/common.c cmd/common.h lib/libgalley.a lib/galley.h
	@mkdir -p bin
	$(CC) $(GALLEY_CFLAGS) -Icmd $(CFLAGS) -o $@ $< cmd/common.c \
		lib/libgalley.a $(LDFLAGS) -pthread $(PKG_LIBS)

tests/unit_%: tests/unit_%.c tests/harness.h lib/libgalley.a lib/galley.h
	$(CC) $(GALLEY_CFLAGS) -Itests $(CFLAGS) -o $@ $< lib/libgalley.a \
		$(LDFLAGS) -pthread $(PKG_LIBS)

# galley-split built with -DSPLIT_CHECK_PREFILTER: every PCRE2 pattern
# runs even where its cheap prefilter said no, and a disagreement aborts
# (tests/t_prefilter.sh runs it over the fixtures and corpora).
tests/unit_split_checked: cmd/galley-split/main.c cmd/common.c $(LIB_SRC) \
    $(LIB_HDR)
	$(CC) $(GALLEY_CFLAGS) -Icmd -DSPLIT_CHECK_PREFILTER $(CFLAGS) -o $@ \
		cmd/galley-split/main.c cmd/common.c $(LIB_SRC) $(LDFLAGS) \
		-pthread $(PKG_LIBS)

# Install build and test dependencies when something is missing.
deps:
	@scripts/install-deps --if-missing

check: deps
	$(MAKE) all $(UNITS)
	tests/run

demo: deps
	$(MAKE) all
	@mkdir -p out
	bin/galley-split fixtures/city-news-2-articles.txt | bin/galley-mend | \
		bin/galley-tag | bin/galley-epub -o out/city-news.epub
	bin/galley-split fixtures/city-news-2-articles.txt | bin/galley-mend | \
		bin/galley-tag | bin/galley-docbook -o out/city-news.xml
	@echo "wrote out/city-news.epub"
	@echo "wrote out/city-news.xml"

# Repair and structure quality on real text (figures, not pass/fail).
eval: all
	scripts/eval

# Speed and memory against gzip, pandoc and calibre (figures).
bench: all
	scripts/bench

# libFuzzer targets, FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz:
	scripts/fuzz $(FUZZ_SECONDS)

lint:
	mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN7)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(DATADIR)/xsl $(DESTDIR)$(COMPDIR)
	for t in $(TOOLS); do \
		install -m 755 bin/$$t $(DESTDIR)$(BINDIR)/$$t || exit 1; \
		install -m 644 cmd/$$t/$$t.1 \
			$(DESTDIR)$(MANDIR)/man1/$$t.1 || exit 1; \
		[ $$t = galley ] || \
			ln -sf galley $(DESTDIR)$(COMPDIR)/$$t || exit 1; \
	done
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	install -m 644 contrib/bash-completion/galley $(DESTDIR)$(COMPDIR)/
	for f in $(XSL); do \
		install -m 644 $$f $(DESTDIR)$(DATADIR)/xsl/ || exit 1; \
	done

uninstall:
	for t in $(TOOLS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1 \
			$(DESTDIR)$(COMPDIR)/$$t; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man5/galley.5 \
		$(DESTDIR)$(MANDIR)/man7/galley.7
	for f in $(XSL); do \
		rm -f $(DESTDIR)$(DATADIR)/xsl/$${f#xsl/}; \
	done
	rmdir $(DESTDIR)$(DATADIR)/xsl $(DESTDIR)$(DATADIR) 2>/dev/null || true

# The release tarball: the committed tree at HEAD, reproducible (git
# archive stamps files with the commit's time).
dist:
	rm -f $(DIST).tar.gz
	git archive --format=tar.gz --prefix=$(DIST)/ -o $(DIST).tar.gz HEAD
	@echo "wrote $(DIST).tar.gz"

# Unpack the tarball, build and test it on its own.
distcheck: dist
	rm -rf tests/tmp/distcheck
	mkdir -p tests/tmp/distcheck
	tar -xzf $(DIST).tar.gz -C tests/tmp/distcheck
	$(MAKE) -C tests/tmp/distcheck/$(DIST) check

clean:
	rm -rf bin out lib/*.o lib/libgalley.a tests/tmp build-fuzz $(UNITS) \
		$(DIST).tar.gz

.PHONY: all deps check demo eval bench fuzz lint install uninstall clean \
	dist distcheck
.SECONDARY: $(LIB_OBJ)
