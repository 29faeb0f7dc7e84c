# The lessons and sections of content/, their front matter, and the files they make.
place-lesson-front-matter = the lesson's front matter
place-section-front-matter = the section's front matter
unknown-key-front-matter = unknown key `{ $key }` in { $place }: aula does not use it; if it is for another tool, add it to `front_matter: {"{"} ignore_keys: [{ $key }] {"}"}` in aula.yaml
front-matter-not-closed = front matter is not closed: add a line with `---` after the last key
missing-title = missing `title` in the front matter: using «{ $title }»; add a line such as `title: { $title }`
no-front-matter = no front matter: using «{ $title }» as the title; start the file with `---`, `title: { $title }`, `---`
# `$source` is the file's path inside content/.
readme-without-front-matter = `{ $source }` has no front matter and is read as a lesson: if it is not one, add `/{ $source }` (this file) or `README.md` (every README) to `ignore:` in aula.yaml; else give it front matter
invalid-date = invalid `{ $key }` `{ $value }`: write dates as YYYY-MM-DD, e.g. 2026-03-10
duplicate-id = id `{ $id }` is also the id of { $other }: ids keep learner progress apart, give this lesson its own `id`
prerequisite-draft = prerequisite `{ $reference }` is a draft, left out of this build: remove it or publish it
prerequisite-broken = prerequisite `{ $reference }` has errors of its own: fix that lesson first
prerequisite-unknown-near = unknown prerequisite `{ $reference }`: no lesson has this path or id; did you mean `{ $near }`?
prerequisite-unknown = unknown prerequisite `{ $reference }`: no lesson has this path or id; write the path of the lesson's .md file, relative to this file, or its id
tag-without-letters = tag `{ $tag }` has no letters or digits to make a page from: reword it
# `$code` is a character code such as U+0000.
alias-control-character = alias `{ $alias }` has a control character ({ $code }), which no URL can hold: remove it
alias-not-a-path = alias `{ $alias }` is not a path on this site: write it as `/old/path/`
second-index-page = a second `_index` page for the folder `{ $folder }`: keep one of them
index-beside-lessons = `index.md` beside other lessons is read as the page of its folder: rename it to `_index.md`

# Outputs that would replace one another. `$owner`, `$first`, `$maker`, `$inside` are clash-owner-*
# messages; `$fix` is a fix-* message.
clash-same-url = two pages on one URL: { $owner } and { $first } both make `{ $output }`; { $fix }
clash-same-path = two files on one path: { $owner } and { $first } both make `{ $output }`; { $fix }
clash-file-and-folder = `{ $folder }` would be a file and a folder: { $maker } makes the file, { $inside } makes `{ $output }` inside it; { $fix }
url-name-too-long = the URL name `{ $start }…` of { $owner } is { $bytes } bytes long, more than the { $limit } a file name may have; { $fix }
clash-owner-path = { $path }
clash-owner-aula-file = a file aula makes
clash-owner-marker = the file that marks aula's output folder
clash-owner-search-index = the search index
clash-owner-tag-list = the tag list
clash-owner-search-page = the search page
clash-owner-course-page = a page aula makes for the course «{ $course }»
clash-owner-listing-page = page { $page } of { $listing }
clash-owner-theme-file = the theme's { $path }
clash-owner-tag = the tag «{ $tag }»
clash-owner-alias = the alias `{ $alias }` of { $path }
fix-none = {""}
fix-section-slug-shorter = set a shorter `slug` in the folder's _index.md
fix-lesson-slug-shorter = set a shorter `slug`
fix-tag-shorter = shorten the tag
fix-alias-shorter = shorten the alias
fix-rename-file = rename the file
fix-static-file = rename or remove this file of static/
fix-section-clash = rename the folder or set `slug` in its _index.md
fix-lesson-clash = rename one of the files or give it its own `slug`
fix-tag-clash = rename the tag or the folder
fix-remove-alias = remove the alias
fix-asset-clash = rename the file (to replace a file of the theme, put yours in static/ instead)

# Reading source files.
# `$error` is the system's words for why the file cannot be read.
file-unreadable = cannot read the file ({ $error }): check that it is there and that you may read it
# `$byte` is the first byte that is not UTF-8, as 0xF1.
file-not-utf8 = the file is not UTF-8 (byte { $byte } at line { $line }, col { $col }); save it as UTF-8
file-changed-during-build = the file changed while the site was being built: build again once it is saved
# `$kind` is one of the file-kind-* messages.
not-a-file = this is { $kind }, not a file aula can read: replace it with a regular file or remove it
file-kind-fifo = a named pipe (FIFO)
file-kind-socket = a socket
file-kind-device = a device
file-kind-folder = a folder
file-kind-special = a special file
name-not-utf8 = the name `{ $name }` is not UTF-8 (it is left out of the site): rename it with UTF-8 characters
content-missing = no `{ $folder }` folder: put the lessons there (or run `aula init`)
folder-unreadable = cannot read the folder { $folder } ({ $error }): check that you may read it
reading-file = reading { $file }
theme-missing = theme `{ $theme }` not found: expected a folder { $folder }; create it, or remove `theme:` from aula.yaml to use the default theme
theme-no-strings = the theme has no UI strings for `{ $language }`: expected { $file }; add it, or set `language:` in aula.yaml to a language the theme has
# After the problems, when front matter has several keys aula does not use. `$keys` is `a, b, c`.
ignore-keys-all = to allow the { $count } keys above that aula does not use, add this line to aula.yaml: `front_matter: {"{"} ignore_keys: [{ $keys }] {"}"}`
