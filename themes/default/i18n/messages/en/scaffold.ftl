# What `aula init` and `aula new lesson` print.

# A file aula has just created; `$path` is its path.
scaffold-created = created { $path }
# After `aula init`: `$dir` is the new site's folder.
scaffold-next = next: cd { $dir } && aula serve --open
scaffold-next-here = next: aula serve --open
# After `aula new lesson`.
scaffold-next-lesson = next: fill in its front matter and preview it with `aula serve --open`

# The current folder, `.`, in the messages below.
scaffold-this-folder = this folder
# `$folder` is the folder given to `aula init`, or "this folder".
scaffold-site-exists = { $folder } is a site already (it has an aula.yaml): choose another folder for the new one, such as `aula init my-academy`
scaffold-content-exists = { $folder } already has a content/ folder: choose an empty folder, or move that content/ away before creating the site
scaffold-file-exists = { $path } already exists: `aula init` only creates new files; choose an empty folder or move that file away
# `$path` is the path given to `aula new lesson`.
scaffold-lesson-outside = { $path }: the lesson must be inside content/; give a path such as `course/01-lesson.md`
scaffold-lesson-exists = { $path } already exists: choose another name for the lesson (aula never overwrites a file)
# After the problems of aula.yaml, when they keep the lesson from being created.
scaffold-lesson-config-invalid = { $path } not created: fix aula.yaml first
