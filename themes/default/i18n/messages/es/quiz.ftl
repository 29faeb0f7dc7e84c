# Cuestionarios de autoevaluación (bloques ```quiz).
place-quiz-option = una opción del cuestionario
quiz-no-question = el cuestionario no tiene `question`: añade una línea `question: …`
quiz-few-options = un cuestionario necesita al menos dos `options`, cada una una línea `- text: …` (marca las correctas con `correct: true`)
# `$number` cuenta las opciones desde 1.
quiz-option-without-text = la opción { $number } no tiene `text`: añádele una línea `text: …`
quiz-no-correct-option = ninguna opción está marcada con `correct: true`: marca la respuesta correcta
quiz-single-but-many-correct = pone `multiple: false`, pero hay { $count } opciones marcadas como correctas: marca solo una o quita `multiple: false`
