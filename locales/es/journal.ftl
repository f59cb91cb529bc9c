## /journal: la lista, las imágenes de la semana y del mes, el resumen semanal (flows/journal.yaml, bot/journal)

journal-topic-texting = Esperar una respuesta
journal-topic-comparison = Compararte con otros
journal-topic-jealousy = Celos
journal-topic-monitoring = Ganas de revisar
journal-topic-reassurance = Necesitar oír que todo va bien
journal-topic-partner = Algo que hizo tu pareja
journal-topic-other = Otra cosa
journal-route-internal = mi historia
journal-route-relationship = la relación
journal-route-none = sin respuesta

journal-list =
    Tus últimos momentos, del más reciente al más antiguo:
    { $lines }
journal-list-more =
    Momentos anteriores:
    { $lines }
journal-list-empty = Tu diario todavía está vacío. Cuando me cuentes un momento difícil, quedará guardado aquí, solo para ti.
journal-list-end = Eso es todo lo que hay en tu diario.
journal-line = { $when } · { $topic } · { $route } · { $feeling }
journal-line-unrated = sin valorar
journal-line-before = { $before }/5
journal-line-both = { $before } → { $after }
journal-more = Más
journal-delete-one = Borrar uno
journal-close = Listo
journal-ask-delete = ¿Cuál borro? Escribe su número de la lista ({ $first }–{ $last }).
journal-delete-invalid = No encuentro el número { $value } en esa lista. Escribe un número del { $first } al { $last }.
journal-confirm-delete = ¿Borro el momento del { $when } ({ $topic })? No se puede deshacer.
journal-delete-yes = Sí, bórralo
journal-delete-no = No, déjalo
journal-deleted = Borrado. Ya no está en tu diario ni en las imágenes.
journal-delete-kept = De acuerdo, se queda.
journal-closed = De acuerdo. /journal week te muestra los últimos siete días en una imagen.
journal-usage = Prueba /journal para ver tus últimos momentos, /journal week o /journal month para verlos en una imagen, o /journal weekly on para recibir la imagen de la semana cada domingo.

journal-chart-title-week = Últimos 7 días ({ $first } – { $last })
journal-chart-title-month = Últimos 30 días ({ $first } – { $last })
journal-chart-intensity-title = La intensidad de cada momento, por día
journal-chart-intensity-axis = Intensidad (1–5)
journal-chart-after = después del seguimiento
journal-chart-topics-title = De qué se trataba
journal-chart-settle-title = { $direction ->
    [down] En el seguimiento ({ $followed }): { $change } menos en promedio
    [up] En el seguimiento ({ $followed }): { $change } más en promedio
    [flat] En el seguimiento ({ $followed }): más o menos igual en promedio
   *[none] En el seguimiento: todavía ninguno
    }
journal-settle-eased = bajó
journal-settle-same = igual
journal-settle-stronger = subió
journal-settle-none = sin seguimiento

# El resumen dice con palabras lo que muestra la imagen, una línea por panel (se unen en bot/journal/words.py).
journal-summary = { $summary }
journal-summary-count =
    { $period ->
        [week] Últimos 7 días
       *[month] Últimos 30 días
    }: { $count } momentos difíciles, sobre todo «{ $topic }» ({ $topic_count }).
journal-summary-intensity = Al principio, la intensidad fue de { $mean_before } sobre 5 en promedio, y el día más intenso fue el { $peak_day }.
journal-summary-routes = Marcaste { $internal } como tu historia y { $relationship } como la relación; sin respuesta: { $unanswered }.
journal-summary-followup = { $followed ->
    [0] Ninguno tuvo seguimiento todavía.
   *[other] Con seguimiento, { $followed }: la intensidad bajó en { $eased }, siguió igual en { $same } y subió en { $stronger }.
    }
journal-not-enough = { $period ->
    [week] { $count ->
        [one] Un momento en los últimos 7 días,
       *[other] { $count } momentos en los últimos 7 días,
        }
   *[month] { $count ->
        [one] Un momento en los últimos 30 días,
       *[other] { $count } momentos en los últimos 30 días,
        }
    } y para una imagen hacen falta al menos cinco. No hay nada que buscar aquí: tener menos momentos difíciles también es una buena noticia.

journal-reflection-relationship-events = Varios momentos que marcaste como de la relación llegaron después de algo que hizo tu pareja. Eso merece tomarse en serio, no quitarle importancia.
journal-reflection-relationship = Varios de estos los marcaste como algo de la relación, no de tu historia. Merecen atención por sí mismos.
journal-reflection-same-settled = La mayoría vino del mismo tipo de preocupación, y casi todos habían bajado cuando llegó el seguimiento. Vale la pena conocer una alarma que salta pronto y luego se calma.
journal-reflection-same = La mayoría vino del mismo tipo de preocupación. Conocer su forma ayuda a reconocerla la próxima vez que empiece.
journal-reflection-settled = Casi todos habían bajado cuando llegó el seguimiento. La sensación fue fuerte, y pasó.
journal-reflection-mixed = Momentos variados. Distinguir qué es tuyo y qué es de la relación es justamente el trabajo, y lo estás haciendo.
journal-therapist = La misma preocupación ha vuelto { $weeks } semanas seguidas. La terapia con alguien que trabaje patrones de pareja puede ayudar con algo así; pedir esa ayuda es un paso normal.

journal-weekly-on = Listo. Cada { $day } a las { $time }, según tu hora, te enviaré la imagen de la semana y un breve resumen. /journal weekly off lo detiene.
journal-weekly-off = De acuerdo, no habrá más resúmenes semanales. /journal week te sigue mostrando la imagen cuando quieras.
journal-weekly-state = { $state ->
    [on] Los resúmenes semanales están activados: { $day } a las { $time }.
   *[off] Los resúmenes semanales están desactivados.
    } /journal weekly on domingo 19:00 los activa (cualquier día y hora), /journal weekly off los desactiva.
journal-weekly-invalid = No entendí «{ $value }». Prueba con /journal weekly on domingo 19:00.
journal-weekly-in-quiet = Las { $time } están dentro de tus horas de silencio ({ $quiet }), así que nunca llegaría. Elige otra hora o cámbialas con /quiet.
journal-weekly-held = Como en casa las cosas quizá no sean seguras, no te enviaré la imagen por mi cuenta; /journal week te la muestra cuando tú quieras.
journal-weekly-footer = /journal weekly off detiene estos mensajes.

journal-csv-ready = Y tu diario como hoja de cálculo (CSV), una fila por momento.
journal-weekly-stopped = También desactivé el resumen semanal del diario; /journal weekly on lo vuelve a activar.

## Menús de comandos (Telegram, Discord)
telegram-cmd-journal = Tus momentos y una imagen de tu semana o tu mes
discord-cmd-journal = Tus momentos y una imagen de tu semana o tu mes
discord-opt-journal-name = ver
discord-opt-journal = "week", "month", o "weekly on" / "weekly off"

## /mydata: las columnas del diario en la copia CSV (las horas son locales, en la zona indicada)
journal-csv-id = Entrada
journal-csv-created-at = Fecha y hora ({ $tz })
journal-csv-topic = De qué se trataba
journal-csv-route = De dónde venía
journal-csv-intensity = Intensidad (1–5)
journal-csv-intensity-after = Intensidad más tarde (1–5)
journal-csv-text = Con tus palabras
