# The output folder: what stops a build from writing it, and what aula did to keep it whole.
# `$error` is the operating system's own words.

io-creating = creating { $path }
io-writing = writing { $path }
io-reading = reading { $path }
io-deleting = deleting { $path }
io-emptying = emptying { $path }
io-replacing = replacing { $path }
io-finding = finding { $path }
io-locking = locking { $path }
io-opening-lock = opening the lock file { $path }
io-copying = copying { $from } to { $to }
io-moving-in = moving the new site to { $path }
io-moving-aside = moving aside { $path }
io-putting-back = putting { $from } back in { $to }

output-old-copy-kept = the new site is in { $output }, but its old copy in { $old } could not be deleted ({ $error }); the next build deletes it
output-leftover-kept = could not delete { $folder }, left by an earlier build: { $error }
output-put-back = { $folder } was missing after a build was stopped while replacing it; put back from { $from }
output-dangling-link = { $link } is a link to { $to }, which does not exist: create that folder, or remove the link
output-unnamed = { $folder } cannot be an output folder: choose another one with -o
output-marker-name = { $output }: no site file may have the name of { $marker }, the file that marks aula's output folder
output-not-a-folder = { $folder } exists and is not a folder: choose another output folder with -o
output-not-aulas = refusing to replace { $folder }: it holds files aula did not write (there is no { $marker } file in it). Choose another output folder with -o, or empty it yourself

# `$what` is `build` or `serve`: the command holding the output folder.
lock-holder = another aula { $what }
lock-holder-pid = another aula { $what } (pid { $pid })
lock-served = { $holder } is writing { $folder }: stop it, or choose another output folder with -o
lock-waiting = { $holder } is writing { $folder }; waiting for it to finish
package-progress-too-large = this course has { $lessons } lessons and { $quizzes } quizzes: a learner's progress through them does not fit in the { $most } characters SCORM { $version } keeps for it (`suspend_data`); package it as SCORM 2004 (`scorm: {"{"} version: "2004" {"}"}`), which keeps 64,000, or split the course
package-too-large = this course's SCORM package would have { $files } files and { $megabytes } MB, more than a zip that every LMS can open holds (65,535 files, 4 GB): split the course, or leave large downloads out of it with `ignore:`
package-no-course = no SCORM package was made: a package holds one course, and this site has no course (a folder under `content/` with lessons); put the lessons in one
