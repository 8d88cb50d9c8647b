// The graph's custom edge: the route the layout chose (routes.ts) as an SVG path with small
// rounded corners. React Flow's own edges go straight or in one step between the two handles
// and cross whatever nodes lie between.
import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import type { LabEdge } from './build-graph';
import { routePath } from './routes';

export const RoutedEdge = memo(function RoutedEdge({ id, data, style, markerEnd, sourceX, sourceY, targetX, targetY }: EdgeProps<LabEdge>) {
  const path = data?.points ? routePath(data.points) : `M${sourceX},${sourceY}L${targetX},${targetY}`;
  return <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={0} />;
});

/** At module scope so React Flow never sees a new object. */
export const edgeTypes = { routed: RoutedEdge };
