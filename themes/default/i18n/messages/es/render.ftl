# Páginas hechas con plantillas (Tera): las del tema y las propias de un sitio en templates/, que
# sustituyen a las del tema archivo por archivo. Los argumentos `{ $x }` los rellena aula:
# consérvalos todos.

template-not-found = la plantilla `{ $name }` no existe: añade templates/{ $name } o quita la clave `template`
# `$error` es el mensaje de Tera (en inglés, de otro programa: cítalo tal cual), `$fix` uno de
# los mensajes template-fix.
template-error = error en la plantilla, según Tera: { $error }; { $fix }
# `$page` es el archivo fuente de la página que se está generando.
template-error-on-page = error en la plantilla al generar { $page }, según Tera: { $error }; { $fix }
template-fix-parent = añade templates/{ $parent } o extiende una de las plantillas del tema
# `$file` es la plantilla propia del sitio.
template-fix-override = corrígela ahí o borra { $file } para usar la del tema
template-fix-theme = corrige ahí la plantilla del tema
