/*
 * decode.h: the input decoder of galley-split (lib/decode.c), internal
 * to libgalley.  It turns the raw bytes of one input file, possibly
 * gzip-compressed, in any supported encoding, into UTF-8.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stddef.h>
#include <stdint.h>

/* Receives decoded UTF-8; a non-zero return stops the decoder. */
typedef int (*decoder_out_fn)(void *arg, const char *s, size_t n);

/*
 * Receives a problem found in the input: a GALLEY_ERROR (the decoder
 * stops) or a GALLEY_WARN (it goes on), with a message in galley's
 * style.  It is called after every byte decoded before the problem has
 * gone to the out function, so the receiver knows the line.
 */
typedef void (*decoder_msg_fn)(void *arg, int level, const char *msg);

struct decoder;

/*
 * A decoder for one file.  encoding NULL means: detect it from a byte
 * order mark or from a sample of the input.  Returns NULL, with an
 * explanation in err (size errlen), when encoding is not one iconv(3)
 * knows.
 */
struct decoder	*decoder_new(const char *encoding, int lossy,
		    decoder_out_fn, decoder_msg_fn, void *arg,
		    char *err, size_t errlen);
/*
 * Feed raw bytes; decoder_finish ends the input.  Both return 0, or
 * -1 after an error was given to the message function, or the out
 * function's non-zero return.
 */
int		 decoder_feed(struct decoder *, const char *buf, size_t len);
int		 decoder_finish(struct decoder *);
/* The encoding in use ("UTF-8", "GB18030"...); NULL before detection. */
/* How many bad byte sequences lossy decoding replaced. */
size_t		 decoder_nbad(const struct decoder *);
const char	*decoder_encoding(const struct decoder *);
void		 decoder_free(struct decoder *);

#endif /* DECODE_H */
