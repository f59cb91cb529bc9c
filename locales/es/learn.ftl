## Tarjetas de /learn

learn-menu = ¿Sobre qué te gustaría leer? Cada tarjeta se lee en menos de un minuto.
learn-more = Otra tarjeta
card-title-reassurance = Pedir que te tranquilicen
card-title-checking = Revisar y vigilar
card-title-jealousy = Los celos
card-title-withdrawal = Alejarse y poner a prueba
card-title-comparison = La trampa de comparar
card-title-partner = Cuando es la pareja
card-title-security = Construir seguridad

card-reassurance = Preguntar "¿estamos bien?" alivia unas horas, y luego la duda vuelve y pregunta otra vez. Cada vuelta enseña a tu alarma que necesita pruebas de fuera. Quedarte un poco más con la duda, sin preguntar, es como aprende a calmarse sola.
card-checking = Revisar su móvil, su ubicación o sus likes da un momento de certeza, pero siempre hay algo más que revisar. Vigilar no da seguridad; alimenta la sensación de que tienes que estar en guardia. Prueba a notar las ganas y retrasarlas, cada vez un poco más.
card-jealousy = Los celos te dicen que algo se siente amenazante, no si la amenaza es real. Su intensidad no es una prueba. Antes de actuar, pregúntate qué miedo hay debajo, y habla de ese miedo y de lo que necesitas, no de la otra persona.
card-withdrawal = Quedarte en silencio para ver si te busca, o poner pequeñas pruebas, puede parecer una forma de saber la verdad. Suele desgastar la confianza que intentas medir. Decir lo que sientes de forma directa cuesta más aprenderlo, y funciona mejor.
card-comparison = Otras parejas muestran sus mejores momentos; tú vives tus días normales. Conoces tu interior y su exterior, así que la comparación nunca es justa. Mejor pregunta: ¿se está bien en tu relación un día cualquiera?
card-partner = No toda preocupación es inseguridad. Las mentiras, pasar del cariño a la frialdad sin motivo o que te llamen "demasiado sensible" al expresar una necesidad son señales reales. Sentirte mal por eso es una lectura acertada, no un defecto. Es justo plantearlo y decidir qué necesitas.
card-security = La seguridad se aprende, igual que se aprendió la alarma. Crece con relaciones estables, una vida propia fuera de la pareja y práctica para convivir con la incertidumbre. Si el patrón vuelve una y otra vez, un terapeuta puede ayudar; EMDR, el trabajo somático y la EFT suelen encajar.
learn-after = Vuelve a estas tarjetas cuando quieras con /learn. Si acaba de pasar algo, cuéntamelo.
