# Enlaces e imágenes de una página: aquello a lo que apuntan tiene que estar en el sitio. Los
# argumentos `{ $x }` los rellena aula: consérvalos todos.

link-outside-content = el enlace `{ $link }` apunta fuera de content/: enlaza una página del sitio o una dirección completa (`https://…`)
link-to-draft = el enlace `{ $link }` apunta a un borrador, que queda fuera de esta construcción: quita el enlace o publica la lección (quita `draft: true`)
# `$file` es el archivo buscado, `$fix` did-you-mean o link-fix-path.
link-not-found = el enlace apunta a `{ $link }`, que no existe (no hay ningún archivo { $file }): { $fix }
link-fix-path = corrige la ruta o crea ese archivo
image-not-found = la imagen `{ $image }` no existe (no hay ningún archivo { $file }): añade la imagen ahí o corrige la ruta
# `$page` es el archivo fuente de la página enlazada, `$fix` did-you-mean o anchor-fix-heading.
anchor-not-found = el ancla `#{ $anchor }` no existe en { $page }: { $fix }
anchor-fix-heading = enlaza al id de uno de sus encabezados
link-outside-package = el enlace `{ $link }` apunta a otro curso, que no está en el paquete SCORM de este curso: escribe el `base_url` para que enlace al sitio publicado, o quita el enlace
