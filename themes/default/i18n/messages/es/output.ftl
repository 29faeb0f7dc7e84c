# La carpeta de salida: lo que impide escribirla y lo que hizo aula para mantenerla entera.
# `$error` son las palabras del sistema operativo.

io-creating = al crear { $path }
io-writing = al escribir { $path }
io-reading = al leer { $path }
io-deleting = al borrar { $path }
io-emptying = al vaciar { $path }
io-replacing = al reemplazar { $path }
io-finding = al buscar { $path }
io-locking = al bloquear { $path }
io-opening-lock = al abrir el archivo de bloqueo { $path }
io-copying = al copiar { $from } en { $to }
io-moving-in = al mover el sitio nuevo a { $path }
io-moving-aside = al apartar { $path }
io-putting-back = al devolver { $from } a { $to }

output-old-copy-kept = el sitio nuevo está en { $output }, pero no se pudo borrar su copia anterior en { $old } ({ $error }); la próxima construcción la borra
output-leftover-kept = no se pudo borrar { $folder }, que dejó una construcción anterior: { $error }
output-put-back = faltaba { $folder } porque se detuvo una construcción mientras lo reemplazaba; se ha repuesto desde { $from }
output-dangling-link = { $link } es un enlace a { $to }, que no existe: crea esa carpeta o borra el enlace
output-unnamed = { $folder } no puede ser la carpeta de salida: elige otra con -o
output-marker-name = { $output }: ningún archivo del sitio puede llamarse { $marker }, el archivo que marca la carpeta de salida de aula
output-not-a-folder = { $folder } existe y no es una carpeta: elige otra carpeta de salida con -o
output-not-aulas = no se reemplaza { $folder }: contiene archivos que aula no escribió (no tiene el archivo { $marker }). Elige otra carpeta de salida con -o o vacíala tú

# `$what` es `build` o `serve`: la orden que está usando la carpeta de salida.
lock-holder = otro aula { $what }
lock-holder-pid = otro aula { $what } (pid { $pid })
lock-served = { $holder } está escribiendo { $folder }: detenlo o elige otra carpeta de salida con -o
lock-waiting = { $holder } está escribiendo { $folder }; se espera a que termine
package-progress-too-large = este curso tiene { $lessons } lecciones y { $quizzes } preguntas: el progreso de un alumno en ellas no cabe en los { $most } caracteres que SCORM { $version } le guarda (`suspend_data`); empaquétalo como SCORM 2004 (`scorm: {"{"} version: "2004" {"}"}`), que guarda 64 000, o divide el curso
package-too-large = el paquete SCORM de este curso tendría { $files } archivos y { $megabytes } MB, más de lo que cabe en un zip que abra cualquier LMS (65 535 archivos, 4 GB): divide el curso o deja fuera las descargas grandes con `ignore:`
package-no-course = no se ha hecho ningún paquete SCORM: un paquete lleva un curso, y este sitio no tiene cursos (una carpeta de `content/` con lecciones); pon las lecciones en una
