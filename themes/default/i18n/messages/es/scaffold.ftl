# Lo que escriben `aula init` y `aula new lesson`. Los argumentos `{ $x }` los
# rellena aula: consérvalos todos.

# Un archivo que aula acaba de crear; `$path` es su ruta.
scaffold-created = creado: { $path }
# Tras `aula init`: `$dir` es la carpeta del sitio nuevo.
scaffold-next = siguiente paso: cd { $dir } && aula serve --open
scaffold-next-here = siguiente paso: aula serve --open
# Tras `aula new lesson`.
scaffold-next-lesson = siguiente paso: rellena su front matter y mírala con `aula serve --open`

# La carpeta actual, `.`, en los mensajes que siguen.
scaffold-this-folder = esta carpeta
# `$folder` es la carpeta que se pasó a `aula init`, o «esta carpeta».
scaffold-site-exists = { $folder } ya es un sitio (tiene aula.yaml): elige otra carpeta para el nuevo, por ejemplo `aula init mi-academia`
scaffold-content-exists = { $folder } ya tiene una carpeta content/: elige una carpeta vacía o aparta esa content/ antes de crear el sitio
scaffold-file-exists = { $path } ya existe: `aula init` solo crea archivos nuevos; elige una carpeta vacía o aparta ese archivo
# `$path` es la ruta que se pasó a `aula new lesson`.
scaffold-lesson-outside = { $path }: la lección tiene que estar dentro de content/; escribe una ruta como `curso/01-leccion.md`
scaffold-lesson-exists = { $path } ya existe: elige otro nombre para la lección (aula nunca sobrescribe un archivo)
# Tras los problemas de aula.yaml, cuando por ellos no se crea la lección.
scaffold-lesson-config-invalid = no se ha creado { $path }: corrige antes aula.yaml
