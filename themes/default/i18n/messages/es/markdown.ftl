# Problemas en el Markdown de una página: bloques de formación, imágenes, el marcado de las
# lecciones antiguas de Carpentries (kramdown y Liquid de Jekyll). Los argumentos `{ $x }` los
# rellena aula: consérvalos todos. Lo que va entre comillas invertidas es lo que escribió el
# autor: no lo traduzcas.

# `$kind` es la palabra escrita tras `:::`, `$line` la línea entera, `$advice` did-you-mean o block-kinds.
block-unknown-kind = el tipo de bloque `{ $kind }` de `{ $line }` no existe: { $advice }
# `$kinds` es la lista de tipos, ya unidos con "`, `".
block-kinds = usa uno de estos: `{ $kinds }`
block-not-closed = el bloque `{ $kind }` no está cerrado: añade una línea `:::` donde termina
block-closes-nothing = `:::` no cierra ningún bloque abierto: quita la línea o abre un bloque encima con `::: challenge` (u otro tipo)

image-no-alt = la imagen `{ $image }` no tiene texto alternativo: describe lo que muestra entre los corchetes, `![lo que muestra]({ $image })`

# `$attributes` es la lista entera tal como está escrita, `{: .fancy}`.
kramdown-unknown-attributes = la lista de atributos de kramdown `{ $attributes }` no significa nada en aula y se descarta: quítala o escribe el bloque como `::: challenge` … `:::`
liquid-unknown-variable = aula no conoce la variable de Liquid `{"{{"} { $name } {"}}"}` y la descarta: quítala o escribe su valor (las claves `site.` salen de `extra:` en aula.yaml)
liquid-unknown-tag = aula no ejecuta la etiqueta de Liquid `{"{%"} { $tag } {"%}"}` y la descarta: quítala
include-not-found = el include `{ $name }` no está en ninguna carpeta `_includes/` junto a la lección ni por encima de ella: añade allí el archivo o quita la línea
include-template = el include `{ $name }` es una plantilla de Jekyll que aula no ejecuta y se descarta: quita la línea
