/* mode.h — in which mode a sentence states an event: asserted, reported,
 * claimed, denied, negated or hypothetical (../shared/spec/event-record.md).
 * Decided per event from the verb's own clause and the attribution frames. */
#ifndef FM_MODE_H
#define FM_MODE_H
#include <stddef.h>
#include "factum.h"
#include "text.h"
#include "attribution.h"

/* Mode of the event whose verb is tok[verb_start, verb_end) in the sentence
 * tok[0, n); frames are that sentence's fm_attribution_frames(). Precedence
 * when cues combine: denied > negated > hypothetical > claimed > reported >
 * asserted, except that a modal before a negation ("will not strike") makes it
 * hypothetical, and a speaker negating its own act ("Hamas said it did not
 * fire") is a denial. The verb of a threat or a denial itself is asserted:
 * only the threatened or denied act changes mode. */
fm_mode fm_mode_of(const char *text, const fm_token *tok, size_t n,
                   size_t verb_start, size_t verb_end,
                   const fm_attrib_frame *frames, size_t n_frames);
/* The same with each token's word-list marks (wordlist.h; mk[i] those of
 * tok[i], or NULL), so that a cue test is a bit test: the coder's way. */
fm_mode fm_mode_of_marked(const char *text, const fm_token *tok, const fm_word_marks *mk, size_t n,
                          size_t verb_start, size_t verb_end,
                          const fm_attrib_frame *frames, size_t n_frames);
#endif
