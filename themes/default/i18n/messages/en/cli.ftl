# What the command line prints: severities, counts, the summary of a build, errors of a run.
# Arguments in `{ $x }` are filled in by aula; keep every one of them in a translation.

severity-error = error
severity-warning = warning

count-errors = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
count-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
count-lessons = { $count ->
    [one] 1 lesson
   *[other] { $count } lessons
}
count-courses = { $count ->
    [one] 1 course
   *[other] { $count } courses
}

# `aula build` and `aula check`, when they succeed: `$problems` is empty or ` (2 warnings)`.
summary-built = built { $lessons } in { $courses } in { $seconds } s → { $output }{ $problems }
summary-checked = checked { $lessons } in { $courses } in { $seconds } s{ $problems }
summary-warnings = {" "}({ $warnings })
summary-failed = failed with { $errors } and { $warnings }; { $output } left as it was
summary-check-failed = failed with { $errors } and { $warnings }
# A problem met in many places is printed once, then this line.
repeated-places = {"  "}… the same in { $count } places, the first at { $places } (--verbose prints every one)
stage-time = {"  "}{ $stage } { $seconds } s

error-run = error: { $error }
# Text shown as it is in every language: a path, a file name, another program's words.
verbatim = { $text }

# The stages of a build, as `--verbose` lists them with their time.
stage-config-and-theme = config and theme
stage-read = read
stage-assemble = assemble
stage-render = render
stage-index = index
stage-site-pages = site pages
stage-write = write
stage-packages = LMS packages
