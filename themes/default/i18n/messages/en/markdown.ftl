# Problems in the Markdown of a page: training blocks, images, the markup of older Carpentries
# lessons (kramdown and Jekyll's Liquid). Arguments in `{ $x }` are filled in by aula; keep every
# one of them in a translation. Text in backticks is what the author wrote: never translate it.

# `$kind` is the word written after `:::`, `$line` the whole line, `$advice` did-you-mean or block-kinds.
block-unknown-kind = unknown block kind `{ $kind }` in `{ $line }`: { $advice }
# `$kinds` is the list of kinds, already joined by "`, `".
block-kinds = use one of `{ $kinds }`
block-not-closed = block `{ $kind }` is not closed: add a line `:::` where it ends
block-closes-nothing = `:::` closes no open block: remove the line, or open a block above it with `::: challenge` (or another kind)

image-no-alt = image `{ $image }` has no alt text: describe it between the brackets, `![what it shows]({ $image })`

# `$attributes` is the whole list as written, `{: .fancy}`.
kramdown-unknown-attributes = kramdown attribute list `{ $attributes }` has no meaning in aula and is dropped: remove it, or write the block as `::: challenge` … `:::`
liquid-unknown-variable = Liquid variable `{"{{"} { $name } {"}}"}` is not known to aula and is dropped: remove it, or write its value (`site.` keys come from `extra:` in aula.yaml)
liquid-unknown-tag = Liquid tag `{"{%"} { $tag } {"%}"}` is not run by aula and is dropped: remove it
include-not-found = include `{ $name }` not found in an `_includes/` folder beside the lesson or above it: add the file there, or remove the line
include-template = include `{ $name }` is a Jekyll template aula does not run and is dropped: remove the line
