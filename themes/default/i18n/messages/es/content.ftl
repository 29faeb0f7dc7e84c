# Las lecciones y secciones de content/, sus cabeceras y los archivos que generan.
place-lesson-front-matter = la cabecera de la lección
place-section-front-matter = la cabecera de la sección
unknown-key-front-matter = clave desconocida `{ $key }` en { $place }: aula no la usa; si es para otra herramienta, añádela a `front_matter: {"{"} ignore_keys: [{ $key }] {"}"}` en aula.yaml
front-matter-not-closed = la cabecera no está cerrada: añade una línea con `---` después de la última clave
missing-title = falta `title` en la cabecera: se usa «{ $title }»; añade una línea como `title: { $title }`
no-front-matter = no hay cabecera: se usa «{ $title }» como título; empieza el archivo con `---`, `title: { $title }`, `---`
# `$source` es la ruta del archivo dentro de content/.
readme-without-front-matter = `{ $source }` no tiene cabecera y se lee como una lección: si no lo es, añade `/{ $source }` (este archivo) o `README.md` (todos los README) a `ignore:` en aula.yaml; si lo es, ponle una cabecera
invalid-date = `{ $key }` `{ $value }` no es una fecha válida: escribe las fechas como AAAA-MM-DD, por ejemplo 2026-03-10
duplicate-id = el id `{ $id }` es también el id de { $other }: los ids separan el progreso de cada lección, dale a esta su propio `id`
prerequisite-draft = el requisito previo `{ $reference }` es un borrador y queda fuera de esta construcción: quítalo o publícalo
prerequisite-broken = el requisito previo `{ $reference }` tiene errores propios: corrige antes esa lección
prerequisite-unknown-near = requisito previo desconocido `{ $reference }`: ninguna lección tiene esta ruta o este id; ¿querías decir `{ $near }`?
prerequisite-unknown = requisito previo desconocido `{ $reference }`: ninguna lección tiene esta ruta o este id; escribe la ruta del archivo .md de la lección, relativa a este archivo, o su id
tag-without-letters = la etiqueta `{ $tag }` no tiene letras ni cifras con las que hacer una página: cámbiala
# `$code` es un código de carácter como U+0000.
alias-control-character = el alias `{ $alias }` tiene un carácter de control ({ $code }), que ninguna URL admite: quítalo
alias-not-a-path = el alias `{ $alias }` no es una ruta de este sitio: escríbelo como `/ruta/antigua/`
second-index-page = una segunda página `_index` para la carpeta `{ $folder }`: deja solo una
index-beside-lessons = `index.md` junto a otras lecciones se lee como la página de su carpeta: cámbiale el nombre a `_index.md`

# Salidas que se reemplazarían entre sí. `$owner`, `$first`, `$maker`, `$inside` son mensajes
# clash-owner-*; `$fix` es un mensaje fix-*.
clash-same-url = dos páginas en una misma URL: { $owner } y { $first } generan `{ $output }`; { $fix }
clash-same-path = dos archivos en una misma ruta: { $owner } y { $first } generan `{ $output }`; { $fix }
clash-file-and-folder = `{ $folder }` sería a la vez un archivo y una carpeta: { $maker } genera el archivo y { $inside } genera `{ $output }` dentro; { $fix }
url-name-too-long = el nombre de URL `{ $start }…` de { $owner } mide { $bytes } bytes, más de los { $limit } que admite un nombre de archivo; { $fix }
clash-owner-path = { $path }
clash-owner-aula-file = un archivo que genera aula
clash-owner-marker = el archivo que marca la carpeta de salida de aula
clash-owner-search-index = el índice de búsqueda
clash-owner-tag-list = la lista de etiquetas
clash-owner-search-page = la página de búsqueda
clash-owner-course-page = una página que aula genera para el curso «{ $course }»
clash-owner-listing-page = la página { $page } de { $listing }
clash-owner-theme-file = { $path } del tema
clash-owner-tag = la etiqueta «{ $tag }»
clash-owner-alias = el alias `{ $alias }` de { $path }
fix-none = {""}
fix-section-slug-shorter = pon un `slug` más corto en el _index.md de la carpeta
fix-lesson-slug-shorter = pon un `slug` más corto
fix-tag-shorter = acorta la etiqueta
fix-alias-shorter = acorta el alias
fix-rename-file = cámbiale el nombre al archivo
fix-static-file = cámbiale el nombre a este archivo de static/ o bórralo
fix-section-clash = cámbiale el nombre a la carpeta o pon un `slug` en su _index.md
fix-lesson-clash = cámbiale el nombre a uno de los archivos o dale su propio `slug`
fix-tag-clash = cambia la etiqueta o el nombre de la carpeta
fix-remove-alias = quita el alias
fix-asset-clash = cámbiale el nombre al archivo (para reemplazar un archivo del tema, pon el tuyo en static/)

# Lectura de los archivos fuente.
# `$error` son las palabras del sistema sobre por qué no se puede leer el archivo.
file-unreadable = no se puede leer el archivo ({ $error }): comprueba que existe y que tienes permiso para leerlo
# `$byte` es el primer byte que no es UTF-8, como 0xF1.
file-not-utf8 = el archivo no está en UTF-8 (byte { $byte } en la línea { $line }, columna { $col }); guárdalo como UTF-8
file-changed-during-build = el archivo cambió mientras se generaba el sitio: vuelve a generarlo cuando esté guardado
# `$kind` es uno de los mensajes file-kind-*.
not-a-file = esto es { $kind }, no un archivo que aula pueda leer: cámbialo por un archivo normal o bórralo
file-kind-fifo = una tubería con nombre (FIFO)
file-kind-socket = un socket
file-kind-device = un dispositivo
file-kind-folder = una carpeta
file-kind-special = un archivo especial
name-not-utf8 = el nombre `{ $name }` no está en UTF-8 (queda fuera del sitio): cámbialo por uno con caracteres UTF-8
content-missing = no hay carpeta `{ $folder }`: pon ahí las lecciones (o ejecuta `aula init`)
folder-unreadable = no se puede leer la carpeta { $folder } ({ $error }): comprueba que tienes permiso para leerla
reading-file = leyendo { $file }
theme-missing = no se encuentra el tema `{ $theme }`: debería estar en la carpeta { $folder }; créala, o quita `theme:` de aula.yaml para usar el tema por defecto
theme-no-strings = el tema no tiene textos de interfaz para `{ $language }`: debería existir { $file }; añádelo, o pon en `language:` de aula.yaml un idioma que el tema tenga
# Tras los problemas, cuando las cabeceras tienen varias claves que aula no usa. `$keys` es `a, b, c`.
ignore-keys-all = para admitir las { $count } claves de arriba que aula no usa, añade esta línea a aula.yaml: `front_matter: {"{"} ignore_keys: [{ $keys }] {"}"}`
