# galley: build, check, install.  GNU make.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/galley

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
	-Ilib $(PKG_CFLAGS)

TOOLS = galley-split galley-mend galley-tag galley-epub galley-docbook
BINS = $(TOOLS:%=bin/%)
LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:.c=.o)
LIB_HDR = lib/galley.h lib/extern.h
MAN1 = $(foreach t,$(TOOLS),cmd/$(t)/$(t).1)
MAN5 = lib/galley.5
UNITS = tests/unit_stream

all: $(BINS)

lib/libgalley.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

lib/%.o: lib/%.c $(LIB_HDR)
	$(CC) $(GALLEY_CFLAGS) $(CFLAGS) -c -o $@ $<

bin/%: cmd/%/main.c cmd/common.c cmd/common.h lib/libgalley.a lib/galley.h
	@mkdir -p bin
	$(CC) $(GALLEY_CFLAGS) -Icmd $(CFLAGS) -o $@ $< cmd/common.c \
		lib/libgalley.a $(LDFLAGS) $(PKG_LIBS)

tests/unit_%: tests/unit_%.c tests/harness.h lib/libgalley.a lib/galley.h
	$(CC) $(GALLEY_CFLAGS) -Itests $(CFLAGS) -o $@ $< lib/libgalley.a \
		$(LDFLAGS) $(PKG_LIBS)

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
	mandoc -Tlint -Wwarning $(MAN1) $(MAN5)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5
	for t in $(TOOLS); do \
		install -m 755 bin/$$t $(DESTDIR)$(BINDIR)/$$t; \
		install -m 644 cmd/$$t/$$t.1 $(DESTDIR)$(MANDIR)/man1/$$t.1; \
	done
	install -m 644 lib/galley.5 $(DESTDIR)$(MANDIR)/man5/galley.5

uninstall:
	for t in $(TOOLS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man5/galley.5

clean:
	rm -rf bin out lib/*.o lib/libgalley.a tests/tmp $(UNITS)

.PHONY: all deps check demo eval bench fuzz lint install uninstall clean
.SECONDARY: $(LIB_OBJ)
