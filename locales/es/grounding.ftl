## Ejercicios de anclaje: el mismo conjunto de ids en cada idioma.

exercise-breathing = ¿Probamos una pausa de un minuto? Inhala contando hasta 4, retén el aire 2 y exhala despacio contando hasta 6. Hazlo cinco veces y deja caer los hombros cada vez que sueltes el aire.
exercise-senses = Volvamos a donde estás. Nombra 5 cosas que ves, 4 que oyes, 3 que puedes tocar, 2 que hueles y 1 que saboreas. Despacio.
exercise-feet = Apoya bien los pies en el suelo y siente cómo te sostiene. Siente la espalda contra la silla. Quédate con esa sensación durante unas cuantas respiraciones.
exercise-name = Intenta nombrar lo que sientes en una o dos palabras: "miedo", "dolor", "soledad". Solo con nombrarlo, pierde un poco de fuerza.
exercise-temperature = Si puedes, sostén algo frío (un vaso de agua, el agua del grifo) durante treinta segundos. Fíjate en la sensación. Le da a tu cuerpo algo real a lo que agarrarse.
exercise-facts = Separemos hechos de historias. Un hecho es lo que grabaría una cámara ("sin respuesta desde las 14:00"). Una historia es lo que añade la alarma ("se está alejando"). ¿Qué es cada cosa ahora?
exercise-hand = Pon una mano en el pecho o en la barriga. Siente cómo sube y baja. No tienes que cambiar nada, solo darte cuenta de que respiras y de que estás aquí.
exercise-wave = Imagina el sentimiento como una ola. Sube, llega a su punto más alto y baja, aunque no hagas nada. Fíjate en cuánta fuerza tiene ahora y observa si cambia en el próximo minuto.
exercise-count = Cuenta hacia atrás desde 50 de tres en tres: 50, 47, 44... Si te pierdes, empieza de nuevo. Le da trabajo a la parte de tu mente que va acelerada.
exercise-stretch = Ponte de pie si puedes. Sube los brazos y déjalos caer. Gira los hombros hacia atrás dos veces. Así tu cuerpo le dice a tu mente que, por ahora, no hay peligro.
