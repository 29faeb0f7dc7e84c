# Self-check quizzes (```quiz blocks).
place-quiz-option = an option of the quiz
quiz-no-question = the quiz has no `question`: add a line `question: …`
quiz-few-options = a quiz needs at least two `options`, each a line `- text: …` (mark the right ones `correct: true`)
# `$number` counts the options from 1.
quiz-option-without-text = option { $number } has no `text`: add a line `text: …` to it
quiz-no-correct-option = no option is marked `correct: true`: mark the right answer
quiz-single-but-many-correct = `multiple: false`, but { $count } options are marked correct: mark only one, or remove `multiple: false`
