# Pages made from templates (Tera): the theme's, and a site's own in templates/, which replace
# the theme's file by file. Arguments in `{ $x }` are filled in by aula; keep every one of them.

template-not-found = template `{ $name }` not found: add templates/{ $name }, or remove the `template` key
# `$error` is Tera's own message (English, from another program: quote it as it is), `$fix` one
# of the template-fix messages.
template-error = template error: { $error }; { $fix }
# `$page` is the source file of the page being made.
template-error-on-page = template error while rendering { $page }: { $error }; { $fix }
template-fix-parent = add templates/{ $parent }, or extend one of the theme's templates
# `$file` is the site's own template.
template-fix-override = correct it there, or delete { $file } to use the theme's
template-fix-theme = correct the theme's template there
