# Links and images of a page: what they point to must be in the site. Arguments in `{ $x }` are
# filled in by aula; keep every one of them in a translation.

link-outside-content = link `{ $link }` points outside content/: link to a page of the site, or to a full address (`https://…`)
link-to-draft = link `{ $link }` points to a draft, which is left out of this build: remove the link, or publish the lesson (remove `draft: true`)
# `$file` is the file looked for, `$fix` did-you-mean or link-fix-path.
link-not-found = link target `{ $link }` not found (no file { $file }): { $fix }
link-fix-path = correct the path, or create that file
image-not-found = image `{ $image }` not found (no file { $file }): add the image there, or correct the path
# `$page` is the source file of the page linked to, `$fix` did-you-mean or anchor-fix-heading.
anchor-not-found = anchor `#{ $anchor }` not found in { $page }: { $fix }
anchor-fix-heading = link to the id of one of its headings
link-outside-package = link `{ $link }` points to another course, which is not in this course's SCORM package: set `base_url` so that it links to the published site, or remove the link
