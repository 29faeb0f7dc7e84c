# aula.yaml, la configuración del sitio.
config-missing = no hay aula.yaml en { $folder }: ejecuta aula en la carpeta de un sitio, indica --root CARPETA o crea un sitio con `aula init`
