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
card-checking = Revisar su teléfono, su ubicación o sus "me gusta" da un momento de certeza, pero siempre hay algo más que revisar. Vigilar no da seguridad; alimenta la sensación de que tienes que estar en guardia. Cuando te vengan las ganas, intenta retrasarlas, cada vez un poco más.
card-jealousy = Los celos te dicen que algo te parece una amenaza, no si la amenaza es real. Que sean intensos no prueba nada. Antes de actuar, pregúntate qué miedo hay debajo, y habla de ese miedo y de lo que necesitas, no de la otra persona.
card-withdrawal = Quedarte en silencio para ver si te busca, o poner pequeñas pruebas, puede parecer una forma de saber la verdad. Lo normal es que desgaste la confianza que intentas medir. Decir directamente lo que sientes cuesta más de aprender, pero funciona mejor.
card-comparison = Otras parejas muestran sus mejores momentos; tú vives tus días normales. Conoces tu interior y su exterior, así que la comparación nunca es justa. Una pregunta mejor: en un día cualquiera, ¿estás a gusto en tu relación?
card-partner = No toda preocupación es inseguridad. Las mentiras, pasar del cariño a la frialdad sin motivo o que te llamen "demasiado sensible" al expresar una necesidad son señales reales. Que eso te inquiete es leer bien la situación, no un defecto. Es justo plantearlo y decidir qué necesitas.
card-security = La seguridad se aprende, igual que se aprendió la alarma. Crece con relaciones estables, una vida propia fuera de la pareja y práctica en convivir con la incertidumbre. Si el patrón vuelve una y otra vez, la terapia puede ayudar: por ejemplo, trabajando recuerdos dolorosos del pasado (EMDR), lo que siente el cuerpo (terapia somática) o, en sesiones con tu pareja, el vínculo entre ambos (terapia de pareja focalizada en las emociones).
learn-after = Vuelve a estas tarjetas cuando quieras con /learn. Si acaba de pasar algo, cuéntamelo.
