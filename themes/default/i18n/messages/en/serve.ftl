# `aula serve`: what it prints while it rebuilds, and what the browser shows.

# `$problems` is empty, ` (2 warnings)` or ` (1 error and 2 warnings: shown on the pages)`.
serve-built = built { $lessons } in { $courses } in { $seconds } s{ $problems }
serve-problems = {" "}({ $errors } and { $warnings }: shown on the pages)
# `$changed` lists what changed: files, `theme`, `aula.yaml`.
serve-rebuilt = { $changed }: { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} rendered, { $files ->
    [one] 1 file
   *[other] { $files } files
} changed in { $milliseconds } ms{ $problems }
serve-changed-more = { $count } more
serve-changed-theme = theme
serve-changed-retry = everything again (the last rebuild failed)
serve-changed-rescan = everything (events were lost)
serve-stage-time = {"  "}{ $stage } { $milliseconds } ms
serve-rendered-page = {"  "}rendered { $page }
serve-rebuild-failed = { $changed }: the site was not updated: { $error }. Fix that, then save a file to try again
serve-search-updated = {"  "}search index: { $files ->
    [one] 1 file
   *[other] { $files } files
} changed in { $milliseconds } ms
serve-search-failed = search index: { $error }. Search shows old results; save a file to try again
serve-search-thread = starting the search index: { $error }
serve-search-stopped = the search index thread stopped

serve-no-folder = no site folder { $folder }
serve-cannot-listen = cannot listen on { $address }: choose another port with --port (0 picks a free one)
serve-exposed = listening on { $address }: anyone who can reach this machine can read the site, drafts included; leave out --bind to keep it on this machine
serve-serving = serving { $url } (writing to { $output }; Ctrl-C to stop)
serve-no-browser = could not open a browser: { $error }
serve-bad-base-path = --base-path `{ $path }`: write it as /folder/, with letters, digits, `-`, `_`, `.` and `~`

# Answers of the preview server, shown in the browser.
serve-outside-base = not found: the site is at { $path }
serve-foreign-host = aula serve answers only to localhost and IP addresses, not to `{ $host }`: a page on another site may be trying to read this preview (DNS rebinding)
serve-no-host = a Host header is required
serve-overlay = { $errors }. The site shows the last version of each page that built; fix and save to update it.
serve-overlay-close = Close

# Watching the site's folders for changes. `$advice` is empty or `watch-limit`.
watch-failed = watching for changes failed: { $error }{ $advice }
watch-failed-folder = watching { $folder }: { $error }{ $advice }
watch-limit = {" "}(the system limit of watched folders is reached: raise fs.inotify.max_user_watches, or use --poll)
