# `aula serve`: lo que escribe mientras reconstruye y lo que muestra el navegador.

# `$problems` está vacío, o es ` (2 avisos)` o ` (1 error y 2 avisos: se muestran en las páginas)`.
serve-built = construido: { $lessons } en { $courses } en { $seconds } s{ $problems }
serve-problems = {" "}({ $errors } y { $warnings }: se muestran en las páginas)
# `$changed` dice qué cambió: archivos, `tema`, `aula.yaml`.
serve-rebuilt = { $changed }: { $pages ->
    [one] 1 página generada
   *[other] { $pages } páginas generadas
}, { $files ->
    [one] 1 archivo cambiado
   *[other] { $files } archivos cambiados
} en { $milliseconds } ms{ $problems }
serve-changed-more = { $count } más
serve-changed-theme = tema
serve-changed-retry = todo otra vez (falló la última reconstrucción)
serve-changed-rescan = todo (se perdieron avisos de cambios)
serve-stage-time = {"  "}{ $stage } { $milliseconds } ms
serve-rendered-page = {"  "}generada { $page }
serve-rebuild-failed = { $changed }: el sitio no se actualizó: { $error }. Corrígelo y guarda un archivo para volver a intentarlo
serve-search-updated = {"  "}índice de búsqueda: { $files ->
    [one] 1 archivo cambiado
   *[other] { $files } archivos cambiados
} en { $milliseconds } ms
serve-search-failed = índice de búsqueda: { $error }. La búsqueda muestra resultados antiguos; guarda un archivo para volver a intentarlo
serve-search-thread = al iniciar el índice de búsqueda: { $error }
serve-search-stopped = el hilo del índice de búsqueda se detuvo

serve-no-folder = no existe la carpeta del sitio { $folder }
serve-cannot-listen = no se puede escuchar en { $address }: elige otro puerto con --port (0 elige uno libre)
serve-exposed = escuchando en { $address }: cualquiera que llegue a esta máquina puede leer el sitio, borradores incluidos; quita --bind para que solo se vea en esta máquina
serve-serving = sirviendo { $url } (se escribe en { $output }; Ctrl-C para parar)
serve-no-browser = no se pudo abrir un navegador: { $error }
serve-bad-base-path = --base-path `{ $path }`: escríbelo como /carpeta/, con letras, cifras, `-`, `_`, `.` y `~`

# Respuestas del servidor de vista previa, que se ven en el navegador.
serve-outside-base = no encontrado: el sitio está en { $path }
serve-foreign-host = aula serve solo responde a localhost y a direcciones IP, no a `{ $host }`: puede que una página de otro sitio intente leer esta vista previa (DNS rebinding)
serve-no-host = falta la cabecera Host
serve-overlay = { $errors }. El sitio muestra la última versión de cada página que se construyó; corrige y guarda para actualizarlo.
serve-overlay-close = Cerrar

# Vigilar las carpetas del sitio para ver los cambios. `$advice` está vacío o es `watch-limit`.
watch-failed = falló la vigilancia de cambios: { $error }{ $advice }
watch-failed-folder = al vigilar { $folder }: { $error }{ $advice }
watch-limit = {" "}(se alcanzó el límite del sistema de carpetas vigiladas: sube fs.inotify.max_user_watches o usa --poll)
