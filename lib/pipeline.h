/*
 * pipeline.h: the stages galley-split, galley-mend and galley-tag
 * chained in one process, for the one-shot galley(1) command and for
 * tests.  What reaches the record callback is exactly what galley-tag
 * writes when run in the shell pipeline
 *
 *	galley-split FILE... | galley-mend | galley-tag
 *
 * with the same options.  These declarations belong in galley.h; they
 * live here until the lead moves them.
 */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stdio.h>

#include "galley.h"

struct galley_pipe_opts {
	struct galley_split_opts	 split;
	struct galley_mend_opts		 mend;
	struct galley_tag_opts		 tag;
};

struct galley_pipe;

/*
 * A pipeline whose records go to fn (borrowed fields, valid during the
 * call; a non-zero return stops the pipeline).  The options and the
 * strings they point to are borrowed and must outlive the object.
 */
GALLEY_API struct galley_pipe *galley_pipe_new(
		    const struct galley_pipe_opts *, galley_record_fn fn,
		    void *arg);
/*
 * Run one input through the stages: fp is read to its end (borrowed,
 * not closed); name (borrowed) names it in diagnostics.  Returns 0 on
 * success; -1 on bad data or a read error (reported); -2 when an option
 * of galley-split is bad (reported: a regex that does not compile, an
 * unknown encoding); or the non-zero value fn returned.
 */
GALLEY_API int	 galley_pipe_file(struct galley_pipe *, FILE *fp,
		    const char *name);
GALLEY_API void	 galley_pipe_free(struct galley_pipe *);

#endif /* PIPELINE_H */
