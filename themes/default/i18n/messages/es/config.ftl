# aula.yaml, la configuración del sitio.
config-missing = no hay aula.yaml en { $folder }: ejecuta aula en la carpeta de un sitio, indica --root CARPETA o crea un sitio con `aula init`
config-missing-title = falta `title`: añade una línea como `title: Nombre del sitio`
config-language = el idioma `{ $code }` no está disponible: usa `es` o `en`
config-base-url = `base_url` `{ $url }` no es válida: escribe una URL absoluta, como `https://example.org/curso/`
config-base-url-scheme = `base_url` `{ $url }` no es válida: usa una URL http:// o https://
config-reading-speed-zero = `reading_speed` debe ser más de 0 palabras por minuto, como `reading_speed: 200`
config-ignore-pattern = el patrón `{ $pattern }` de `ignore:` no es válido: escribe patrones de gitignore, como `README.md`, `/data/` o `!guardar.md`
place-config-front-matter = `front_matter:` de aula.yaml
