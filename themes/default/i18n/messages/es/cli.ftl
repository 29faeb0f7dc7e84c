# Lo que escribe la línea de órdenes: gravedad, recuentos, el resumen de una construcción,
# los errores de una ejecución. Los argumentos `{ $x }` los rellena aula: consérvalos todos.

severity-error = error
severity-warning = aviso

count-errors = { $count ->
    [one] 1 error
   *[other] { $count } errores
}
count-warnings = { $count ->
    [one] 1 aviso
   *[other] { $count } avisos
}
count-lessons = { $count ->
    [one] 1 lección
   *[other] { $count } lecciones
}
count-courses = { $count ->
    [one] 1 curso
   *[other] { $count } cursos
}

# `aula build` y `aula check` cuando terminan bien: `$problems` está vacío o es ` (2 avisos)`.
summary-built = construido: { $lessons } en { $courses } en { $seconds } s → { $output }{ $problems }
summary-checked = comprobado: { $lessons } en { $courses } en { $seconds } s{ $problems }
summary-warnings = {" "}({ $warnings })
summary-failed = falló con { $errors } y { $warnings }; { $output } queda como estaba
summary-check-failed = falló con { $errors } y { $warnings }
# Un problema repetido en muchos sitios se escribe una vez, seguido de esta línea.
repeated-places = {"  "}… lo mismo en { $count } sitios, el primero en { $places } (--verbose los escribe todos)
stage-time = {"  "}{ $stage } { $seconds } s

error-run = error: { $error }
# Texto que se muestra tal cual en todos los idiomas: una ruta, un nombre de archivo, palabras de otro programa.
verbatim = { $text }

# Las etapas de una construcción, como las lista `--verbose` con su tiempo.
stage-config-and-theme = configuración y tema
stage-read = leer el contenido
stage-assemble = montar el sitio
stage-render = generar páginas
stage-index = índice de búsqueda
stage-site-pages = páginas del sitio
stage-write = escribir
stage-packages = paquetes para LMS
