# YAML blocks: front matter, aula.yaml, quizzes. `$place` is one of the yaml-place-* messages.
yaml-place-front-matter = the front matter
yaml-place-config = aula.yaml
yaml-place-quiz = the quiz
yaml-place-ui-strings = the UI strings

# Syntax errors, each with its cause.
yaml-tab = a tab in the indentation of { $place }: YAML is indented with spaces only; replace the tab with spaces
yaml-unclosed-quote = a quote opened here in { $place } is never closed: add the closing quote at the end of the value, or remove this one
yaml-unclosed-bracket = a `{ $open }` opened here in { $place } is never closed: add `{ $close }` at the end of the list, or write the value in quotes
# `$line` is the start of the line written without its colon.
yaml-missing-colon = `{ $line }` in { $place } has no `:` after its key: write it as `key: value`
yaml-bad-indent = this line of { $place } is indented unlike the lines around it: indent it as its sibling keys (or list items), or, if it goes with the value above, put that value in quotes
yaml-list-where-value = a list item where { $place } expects a key: put the list under a key that has nothing after its colon (`tags:`, then `  - item`), or give this line a key
yaml-colon-in-value = this value in { $place } contains `: `, which YAML reads as a new key: put the whole value in quotes
yaml-reserved-start = a value in { $place } starts with `{ $character }`, which YAML keeps for itself: put the value in quotes
yaml-nested-too-deep = lists and mappings in { $place } nest too deep here: write them flatter
yaml-too-many-aliases = aliases (`*name`) in { $place } expand to too many values: write the values out instead of aliases of aliases
# Last resort, for a cause aula cannot tell: `$words` are the YAML parser's words, in English.
yaml-parser-says = { $place } has a YAML error that aula cannot explain; the YAML parser says: { $words }
yaml-too-deep = { $place } nests deeper than { $limit } levels of `[` and `{"{"}`: close the brackets, or write the lists and mappings flatter
yaml-not-mapping = { $place } must be keys with values, one per line (`key: value`); { $found }

yaml-duplicate-key = duplicate key `{ $key }` (first set at line { $first }): the last value is used; delete one of them

# A value of the wrong kind: "`duration` takes a whole number of minutes, such as `duration: 20`; found `veinte`".
# `$takes` is one of the yaml-takes-* messages, `$found` one of the yaml-found-* messages.
yaml-wrong-type = `{ $key }` takes { $takes }; { $found }
yaml-bad-value = the value of `{ $key }` cannot be used: { $found }
yaml-takes-text = a text, such as `{ $key }: …` on one line
yaml-takes-texts = a text or a list of texts, such as `{ $key }: [uno, dos]`
yaml-takes-list = a list of texts, such as `{ $key }: [uno, dos]`
yaml-takes-minutes = a whole number of minutes, such as `{ $key }: 20`
yaml-takes-number = a whole number, such as `{ $key }: 2`
yaml-takes-words-per-minute = a whole number of words per minute, such as `{ $key }: 200`
yaml-takes-bool = `true` or `false`, such as `{ $key }: true`
yaml-takes-mapping = keys with values, one per line below it, such as `{ $key }:` then `  key: value`
yaml-takes-items = a list of options, each a line `- text: …` below `{ $key }:`
yaml-found-text = found `{ $text }`
yaml-found-list = found a list
yaml-found-mapping = found keys with values
yaml-found-empty = found nothing

# Keys aula does not know. `$place` names the block (yaml-place-*, place-*).
unknown-key-near = unknown key `{ $key }` in { $place }: did you mean `{ $near }`?
# `$keys` is the list of the keys the block may have.
unknown-key-listed = unknown key `{ $key }` in { $place }: remove it, or use one of { $keys }
