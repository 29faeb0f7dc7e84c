# Bloques YAML: cabeceras, aula.yaml, cuestionarios. `$place` es uno de los mensajes yaml-place-*.
yaml-place-front-matter = la cabecera
yaml-place-config = aula.yaml
yaml-place-quiz = el cuestionario
yaml-place-ui-strings = los textos de la interfaz

# Errores de sintaxis, cada uno con su causa.
yaml-tab = hay un tabulador en la sangría de { $place }: YAML se sangra solo con espacios; cambia el tabulador por espacios
yaml-unclosed-quote = unas comillas abiertas aquí en { $place } no se cierran nunca: añade las comillas de cierre al final del valor, o quita estas
yaml-unclosed-bracket = un `{ $open }` abierto aquí en { $place } no se cierra nunca: añade `{ $close }` al final de la lista, o escribe el valor entre comillas
# `$line` es el principio de la línea escrita sin sus dos puntos.
yaml-missing-colon = en { $place }, a `{ $line }` le faltan los dos puntos tras la clave: escríbelo como `clave: valor`
yaml-bad-indent = esta línea de { $place } tiene una sangría distinta de la de las líneas de alrededor: sángrala como las claves (o los elementos de lista) del mismo nivel o, si forma parte del valor de arriba, pon ese valor entre comillas
yaml-list-where-value = hay un elemento de lista donde { $place } espera una clave: pon la lista debajo de una clave sin nada después de los dos puntos (`tags:` y debajo `  - elemento`), o dale una clave a esta línea
yaml-colon-in-value = este valor de { $place } contiene `: `, que YAML lee como una clave nueva: pon el valor entero entre comillas
yaml-reserved-start = un valor de { $place } empieza por `{ $character }`, que YAML reserva: pon el valor entre comillas
yaml-nested-too-deep = las listas y los mapas de { $place } se anidan demasiado aquí: escríbelos más planos
yaml-too-many-aliases = los alias (`*nombre`) de { $place } se expanden en demasiados valores: escribe los valores en lugar de alias de alias
# Último recurso, para una causa que aula no sabe explicar: `$words` son las palabras del analizador de YAML, en inglés.
yaml-parser-says = { $place } tiene un error de YAML que aula no sabe explicar; el analizador de YAML dice: { $words }
yaml-too-deep = { $place } anida más de { $limit } niveles de `[` y `{"{"}`: cierra los corchetes o escribe las listas y los mapas más planos
yaml-not-mapping = { $place } debe tener claves con valores, una por línea (`clave: valor`); { $found }

yaml-duplicate-key = la clave `{ $key }` está repetida (ya aparece en la línea { $first }): vale el último valor; borra una de las dos

# Un valor de otro tipo: "`duration` espera un número entero de minutos, como `duration: 20`; pone `veinte`".
# `$takes` es uno de los mensajes yaml-takes-*, `$found` uno de los yaml-found-*.
yaml-wrong-type = `{ $key }` espera { $takes }; { $found }
yaml-bad-value = el valor de `{ $key }` no se puede usar: { $found }
yaml-takes-text = un texto, como `{ $key }: …` en una sola línea
yaml-takes-texts = un texto o una lista de textos, como `{ $key }: [uno, dos]`
yaml-takes-list = una lista de textos, como `{ $key }: [uno, dos]`
yaml-takes-minutes = un número entero de minutos, como `{ $key }: 20`
yaml-takes-number = un número entero, como `{ $key }: 2`
yaml-takes-words-per-minute = un número entero de palabras por minuto, como `{ $key }: 200`
yaml-takes-bool = `true` o `false`, como `{ $key }: true`
yaml-takes-mapping = claves con valores, una por línea debajo, como `{ $key }:` y debajo `  clave: valor`
yaml-takes-items = una lista de opciones, cada una una línea `- text: …` debajo de `{ $key }:`
yaml-found-text = pone `{ $text }`
yaml-found-list = pone una lista
yaml-found-mapping = pone claves con valores
yaml-found-empty = está vacío

# Claves que aula no conoce. `$place` nombra el bloque (yaml-place-*, place-*).
unknown-key-near = clave desconocida `{ $key }` en { $place }: ¿querías decir `{ $near }`?
# `$keys` es la lista de las claves que admite el bloque.
unknown-key-listed = clave desconocida `{ $key }` en { $place }: quítala o usa una de estas: { $keys }
